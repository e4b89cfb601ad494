"""Command line interface (placeholder until the commands land)."""

import click


@click.group()
def cli() -> None:
    """cleaner."""


def main() -> int:
    cli()
    return 0
