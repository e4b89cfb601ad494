"""Command line interface: click decorators and one call per command, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner import __version__
from cleaner.commands.lint import RENDERERS, run_lint
from cleaner.commands.rules import run_rules_list, run_rules_test
from cleaner.errors import CleanerError, ExitCode
from cleaner.findings import Severity
from cleaner.settings import Settings

SEVERITIES = [s.value for s in Severity]


def _out(text: str) -> None:
    click.echo(text)


def _err(text: str) -> None:
    click.echo(text, err=True)


def _settings(
    rules: tuple[Path, ...],
    no_builtin: bool,
    fail_on: str,
    languagetool: str = "auto",
    threshold: float | None = None,
) -> Settings:
    base = Settings()
    return Settings(
        rule_paths=rules,
        builtin_rules=not no_builtin,
        fail_on=Severity(fail_on),
        languagetool=languagetool,
        fix_threshold=base.fix_threshold if threshold is None else threshold,
    )


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra rule file or folder (repeatable).",
)
no_builtin_option = click.option("--no-builtin-rules", "no_builtin", is_flag=True, help="Do not load the built-in rules.")
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="minor",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)


def _lt_mode(no_lt: bool, require_lt: bool) -> str:
    if no_lt and require_lt:
        raise click.UsageError("--no-languagetool and --require-languagetool exclude each other")
    return "off" if no_lt else "required" if require_lt else "auto"


lt_options = [
    click.option("--no-languagetool", "no_lt", is_flag=True, help="Run the rule engine only."),
    click.option(
        "--require-languagetool", "require_lt", is_flag=True, help="Exit 2 if LanguageTool cannot be used."
    ),
]


def _with(options: list, f):  # type: ignore[no-untyped-def, type-arg]
    for option in reversed(options):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Find and fix garbled machine-translated English in news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True)
@rules_option
@no_builtin_option
@fail_on_option
@lambda f: _with(lt_options, f)
@click.pass_context
def lint(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    rules: tuple[Path, ...],
    no_builtin: bool,
    fail_on: str,
    no_lt: bool,
    require_lt: bool,
) -> None:
    """Lint articles (files, folders, or - for stdin) for garbled machine-translated English."""
    settings = _settings(rules, no_builtin, fail_on, _lt_mode(no_lt, require_lt))
    colour = fmt == "text" and sys.stdout.isatty()
    ctx.exit(run_lint(paths, settings, fmt, _out, _err, colour))


@cli.group()
def rules() -> None:
    """Inspect and test rule files."""


@rules.command("list")
@rules_option
@no_builtin_option
@click.pass_context
def rules_list(ctx: click.Context, rules: tuple[Path, ...], no_builtin: bool) -> None:
    """List every rule with its category, severity, confidence and source line."""
    ctx.exit(run_rules_list(rules, not no_builtin, _out))


@rules.command("test")
@rules_option
@no_builtin_option
@click.pass_context
def rules_test(ctx: click.Context, rules: tuple[Path, ...], no_builtin: bool) -> None:
    """Run every rule's examples; failures are printed as file:line."""
    ctx.exit(run_rules_test(rules, not no_builtin, _out))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning user errors into one line and exit code 2."""
    try:
        status = cli.main(args=argv, prog_name="cleaner", standalone_mode=False)
    except CleanerError as exc:
        for line in str(exc).splitlines():
            _err(f"error: {line}")
        return int(exc.exit_code)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return ExitCode.ERROR
    except click.exceptions.Abort:
        _err("aborted")
        return ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        _err("interrupted")
        return ExitCode.INTERRUPTED
    return int(status) if isinstance(status, int) else ExitCode.OK
