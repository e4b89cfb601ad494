"""``cleaner languagetool install|start|stop|status``: parse, call, print.

Settings come from configuration like every other command's: the nearest
``.cleaner.toml`` / ``pyproject.toml`` ``[tool.cleaner]`` from the current
folder, or ``--config FILE``; its ``[languagetool]`` table (``idle-timeout``,
``max-heap``, ``home`` …) decides how the server is installed and run.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from cleaner.checks.languagetool import (
    LanguageToolSettings,
    ServerStatus,
    ensure_server,
    human_size,
    install_languagetool,
    server_status,
    stop_server,
)
from cleaner.config import load_settings
from cleaner.errors import CleanerError, ExitCode


def settings_from_context(ctx: click.Context) -> LanguageToolSettings:
    """The LanguageTool settings of this invocation: its configuration file's ``[languagetool]`` table."""
    try:
        settings: LanguageToolSettings = load_settings([], _group_config(ctx)).languagetool
    except CleanerError as e:
        raise _fail(e) from e
    return settings


def _group_config(ctx: click.Context) -> Path | None:
    while ctx.parent is not None and ctx.command.name != "languagetool":
        ctx = ctx.parent
    found = ctx.params.get("config_file")
    return found if isinstance(found, Path) else None


class CommandError(click.ClickException):
    """A CleanerError shown by click: one line on stderr, exit code 2."""

    exit_code = int(ExitCode.ERROR)


def _fail(error: CleanerError) -> click.ClickException:
    return CommandError(str(error))


def _duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def describe(status: ServerStatus) -> list[str]:
    """The lines ``status`` prints."""
    s = status.state
    return [
        "LanguageTool server running",
        f"  pid      {s.pid} (supervisor {s.supervisor_pid})",
        f"  port     {s.port} ({s.url})",
        f"  version  {s.version}",
        f"  memory   {human_size(status.rss_bytes)} RSS",
        f"  uptime   {_duration(status.uptime)}",
        f"  idle     {_duration(status.idle)}",
        f"  log      {status.log}",
    ]


@click.group()
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file instead of the nearest .cleaner.toml / pyproject.toml [tool.cleaner].",
)
def languagetool(config_file: Path | None) -> None:
    """Install and manage the local LanguageTool server."""


@languagetool.command("install")
@click.pass_context
def install_command(ctx: click.Context) -> None:
    """Install LanguageTool for English with Maven (idempotent)."""
    settings = settings_from_context(ctx)
    try:
        found = install_languagetool(settings, echo=click.echo)
    except CleanerError as e:
        raise _fail(e) from e
    click.echo(f"Ready: LanguageTool {found.version} ({found.kind}) in {found.root}, {human_size(found.size_bytes())}")


@languagetool.command("start")
@click.pass_context
def start_command(ctx: click.Context) -> None:
    """Start the shared server now (lint starts it on demand anyway)."""
    settings = settings_from_context(ctx)
    started = time.monotonic()
    try:
        ensure_server(settings)
    except CleanerError as e:
        raise _fail(e) from e
    status = server_status(settings)
    if status is None:
        raise _fail(CleanerError("LanguageTool server started but does not answer"))
    click.echo("\n".join(describe(status)))
    click.echo(f"  ready in {time.monotonic() - started:.1f} s")


@languagetool.command("stop")
@click.pass_context
def stop_command(ctx: click.Context) -> None:
    """Stop the shared server."""
    stopped = stop_server(settings_from_context(ctx))
    click.echo(f"Stopped LanguageTool server (pid {stopped.pid})" if stopped else "LanguageTool server was not running")


@languagetool.command("status")
@click.pass_context
def status_command(ctx: click.Context) -> None:
    """Show pid, port, version, memory, uptime and idle time; exit 1 when not running."""
    status = server_status(settings_from_context(ctx))
    if status is None:
        click.echo("LanguageTool server is not running")
        ctx.exit(int(ExitCode.FINDINGS))
    click.echo("\n".join(describe(status)))
