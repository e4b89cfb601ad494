"""``cleaner serve [--detach | --stop | --status]``: run, start, stop or describe the resident worker."""

from __future__ import annotations

import time

import click

from cleaner.errors import ExitCode
from cleaner.worker import keys
from cleaner.worker.client import socket_support

START_WAIT = 180.0
"""Seconds ``--detach`` waits for the new worker to answer (a first start compiles the rule files)."""


@click.command("serve")
@click.option("--detach", is_flag=True, help="Start the worker in the background and return once it answers.")
@click.option("--stop", "stop_it", is_flag=True, help="Stop this installation's worker (after its current run).")
@click.option("--status", "status", is_flag=True, help="Say whether a worker runs; exit 0 when a current one does.")
@click.option(
    "--idle-timeout",
    "idle_seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds without a request before the worker exits (default 900, or CLEANER_WORKER_IDLE_TIMEOUT).",
)
@click.pass_context
def serve(ctx: click.Context, detach: bool, stop_it: bool, status: bool, idle_seconds: float | None) -> None:
    """Keep rules and checkers loaded so that lint and fix (and the pre-commit hooks) answer fast.

    The worker listens on a socket in cleaner's cache folder that only this user
    can reach. lint and fix hand it their run when it matches the installed code
    and rules (--worker auto, the default) and run in their own process otherwise;
    it exits after --idle-timeout seconds without a request.
    """
    if sum((detach, stop_it, status)) > 1:
        raise click.UsageError("--detach, --stop and --status exclude each other")
    if not socket_support():
        raise click.UsageError("cleaner serve needs Unix sockets (lint and fix run in their own process here)")
    from cleaner.worker import control  # after the check (fcntl is Unix only): `cleaner --help` works anywhere
    from cleaner.worker.spawn import idle_timeout

    seconds = idle_seconds if idle_seconds is not None else idle_timeout()
    place = keys.place()
    if status:
        ctx.exit(_status(place))
    if stop_it:
        pid = control.stop(place)
        click.echo("no worker was running" if pid is None else f"stopped the worker (pid {pid})")
        ctx.exit(ExitCode.OK)
    if detach:
        ctx.exit(_detach(place, seconds))
    from cleaner.worker import client
    from cleaner.worker.server import serve as serve_here

    ctx.exit(serve_here(seconds, key=client.START_KEY))


def _status(place: keys.Place) -> int:
    from cleaner.worker import control

    answer = control.ask(place, "status")
    if answer is None:
        click.echo("no worker is running")
        return ExitCode.FINDINGS
    stale = answer.get("key") != keys.current_key()
    uptime = time.time() - float(answer.get("started", time.time()))
    state = "is STALE (code or rules changed; it exits at its next check)" if stale else "is running"
    click.echo(
        f"worker {answer.get('pid')} {state}: "
        f"{answer.get('served')} requests in {uptime:.0f} s, idle {answer.get('idle')} s "
        f"of {float(answer.get('idle_timeout', 0)):g} s, socket {place.socket}"
    )
    return ExitCode.FINDINGS if stale else ExitCode.OK


def _detach(place: keys.Place, seconds: float) -> int:
    from cleaner.worker import control
    from cleaner.worker.spawn import spawn_detached

    running = control.ask(place, "status")
    if running is not None and running.get("key") == keys.current_key():
        click.echo(f"a worker is already running (pid {running.get('pid')})")
        return ExitCode.OK
    if running is not None:
        control.stop(place)
    process = spawn_detached(place, idle=seconds, wait_for_lock=True)
    if process is None:
        click.echo(f"error: another worker is starting; see {place.log}", err=True)
        return ExitCode.ERROR
    answer = control.wait_until_up(place, lambda: process.poll() is None, START_WAIT)
    if answer is None:
        click.echo(f"error: the worker did not start; see {place.log}", err=True)
        return ExitCode.ERROR
    click.echo(f"started the worker (pid {answer.get('pid')}, idle timeout {seconds:g} s)")
    return ExitCode.OK
