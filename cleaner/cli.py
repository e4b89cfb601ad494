"""Command line interface: click decorators and one call per command, nothing else."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from cleaner import __version__
from cleaner.commands.colour import CHOICES as COLOUR_CHOICES
from cleaner.commands.colour import wants_colour
from cleaner.commands.lint import LintView, run_lint
from cleaner.config import Configurations, Overrides
from cleaner.errors import CleanerError, ExitCode
from cleaner.findings import Selection, Severity
from cleaner.report.outputs import OUTPUTS, STATISTICS

SEVERITIES = [s.value for s in Severity]


def _out(text: str) -> None:
    click.echo(text)


def _err(text: str) -> None:
    click.echo(text, err=True)


def _settings(
    rules: tuple[Path, ...],
    no_builtin: bool,
    fail_on: str | None,
    languagetool: str | None = None,
    threshold: float | None = None,
    *,
    config: Path | None = None,
    report_dir: Path | None = None,
    fluency: str | None = None,
    time_budget: float | None = None,
    selection: Selection | None = None,
    surprise: float | None = None,
) -> Configurations:
    """Each article's settings: defaults < its nearest configuration file (or ``--config``) < these options."""
    overrides = Overrides(
        rule_paths=rules,
        builtin_rules=False if no_builtin else None,
        fail_on=Severity(fail_on) if fail_on else None,
        languagetool=languagetool,
        fix_threshold=threshold,
        report_dir=report_dir,
        fluency=fluency,
        time_budget=time_budget,
        selection=selection,
        surprise=surprise,
    )
    return Configurations(config, overrides)


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra rule file or folder (repeatable).",
)
no_builtin_option = click.option(
    "--no-builtin-rules", "no_builtin", is_flag=True, help="Do not load the built-in rules."
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding of this severity or worse is reported (default: minor, or the config's fail-on).",
)
time_budget_option = click.option(
    "--time-budget",
    "time_budget",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds an article (per started MiB) may take before it is skipped as an input error "
    "(default 60, or the config's time-budget; 0: no limit).",
)
surprise_option = click.option(
    "--surprise",
    "surprise",
    type=click.FloatRange(min=0),
    default=None,
    metavar="NATS",
    help="Hint at running-text words the language model finds at least NATS unexpected (default: 14 in full "
    "mode, off in gate mode; 0: off; docs/fluency.md).",
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file for every article instead of each one's nearest .cleaner.toml / pyproject.toml.",
)


def _lt_mode(no_lt: bool, require_lt: bool) -> str | None:
    """The LanguageTool mode the options ask for; None leaves it to the configuration ("auto")."""
    if no_lt and require_lt:
        raise click.UsageError("--no-languagetool and --require-languagetool exclude each other")
    return "off" if no_lt else "required" if require_lt else None


F = TypeVar("F", bound=Callable[..., Any])


def languagetool_options(f: F) -> F:
    """``--no-languagetool`` and ``--require-languagetool``."""
    f = click.option(
        "--require-languagetool", "require_lt", is_flag=True, help="Exit 2 if LanguageTool cannot be used."
    )(f)
    return click.option("--no-languagetool", "no_lt", is_flag=True, help="Run the rule engine only.")(f)


fluency_option = click.option(
    "--fluency",
    type=click.Choice(["off", "gate", "full"]),
    default=None,
    help="Language-model fluency checker: gate other engines' fixes, or gate and propose (default: config, else full).",
)


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Processes to check articles with (0: one per free core); output keeps the order of the files.",
)


worker_option = click.option(
    "--worker",
    "worker",
    type=click.Choice(["auto", "off", "spawn"], case_sensitive=False),
    envvar="CLEANER_WORKER",
    default="auto",
    show_default=True,
    help="Hand the run to a resident worker (cleaner serve) when one matches the installed code and rules; "
    "spawn also starts one for next time; off (or CLEANER_WORKER=off) runs here always.",
)
"""Read by the front door (cleaner.worker) before this CLI is imported; here it is only checked."""


def article_options(f: F) -> F:
    """The options every article command shares: rules, fail-on, configuration, engines, time budget, jobs."""
    for option in (
        jobs_option,
        time_budget_option,
        surprise_option,
        fluency_option,
        languagetool_options,
        config_option,
        fail_on_option,
        no_builtin_option,
        rules_option,
    ):
        f = option(f)
    return f


def _split_ids(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ``("A", "B", "C")``: repeatable and comma-separated, blanks dropped."""
    return tuple(dict.fromkeys(p.strip() for v in value for p in v.split(",") if p.strip()))


def selection_options(f: F) -> F:
    """``--select`` and ``--ignore`` (lint, fix and report)."""
    f = click.option(
        "--ignore",
        "ignore",
        multiple=True,
        callback=_split_ids,
        metavar="RULE_OR_PREFIX,...",
        help="Leave out findings of these rule ids, id prefixes or engines (repeatable, comma-separated).",
    )(f)
    return click.option(
        "--select",
        "select",
        multiple=True,
        callback=_split_ids,
        metavar="RULE_OR_PREFIX,...",
        help="Report only findings of these rule ids, id prefixes (TITLE_) or engines (languagetool); "
        "the more specific of --select and --ignore wins.",
    )(f)


def _selection(options: dict[str, Any]) -> Selection | None:
    select, ignore = options.get("select", ()), options.get("ignore", ())
    return Selection(select, ignore) if select or ignore else None


def _article_settings(paths: Sequence[str], options: dict[str, Any], **extra: Any) -> Configurations:
    """Settings from the shared article options (see :func:`article_options`) plus command extras."""
    return _settings(
        options["rules"],
        options["no_builtin"],
        options["fail_on"],
        _lt_mode(options["no_lt"], options["require_lt"]),
        options.get("threshold"),
        config=options["config_file"],
        fluency=options["fluency"],
        time_budget=options["time_budget"],
        selection=_selection(options),
        surprise=options["surprise"],
        **extra,
    )


class _LazyGroup(click.Group):
    """A group whose heavy subcommands are imported only when they are run or listed.

    ``cleaner languagetool`` pulls in the installer and server code (HTTP,
    file locks, psutil: ~0.3 s); a plain ``lint`` should not pay for it.
    """

    lazy = {
        "languagetool": ("cleaner.commands.languagetool", "languagetool"),
        "serve": ("cleaner.worker.command", "serve"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, attr = self.lazy[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Find and fix garbled machine-translated English in news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(OUTPUTS)), default="text", show_default=True)
@selection_options
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how often each rule fired (count, rule id, severity, message) instead of the findings (text or json).",
)
@click.option(
    "--quiet",
    "-q",
    count=True,
    help="Print the findings only, without the summary; -qq prints nothing and no warnings (exit code only).",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the output to this file (atomically) instead of stdout.",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(COLOUR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text output; auto: on a terminal, off with NO_COLOR, on with FORCE_COLOR, off into --output-file.",
)
@click.option(
    "--show-source", is_flag=True, help="Show each finding's line with the flagged words underlined (text format)."
)
@article_options
@worker_option
@click.pass_context
def lint(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    fmt: str,
    statistics: bool,
    quiet: int,
    output_file: Path | None,
    color: str,
    show_source: bool,
    **options: Any,
) -> None:
    """Lint articles (files, folders, or - for stdin) for garbled machine-translated English."""
    if statistics and fmt not in STATISTICS:
        raise click.UsageError(f"--statistics works with --format {' or '.join(sorted(STATISTICS))}, not {fmt}")
    settings = _article_settings(paths, options)
    to_file = output_file is not None
    colour = fmt == "text" and wants_colour(color, is_tty=sys.stdout.isatty(), to_file=to_file, env=os.environ)
    view = LintView(fmt, colour, statistics, quiet, show_source, output_file)
    out = functools.partial(click.echo, color=True) if colour else _out
    ctx.exit(run_lint(paths, settings, view, out, _err, options["jobs"]))


threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Apply fixes whose confidence is at least this (default 0.8); the rest stay suggestions.",
)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@click.option("--dry-run", is_flag=True, help="Print the per-file summary only; write nothing.")
@click.option("--force", is_flag=True, help="Rewrite read-only files too (they keep their mode).")
@selection_options
@threshold_option
@article_options
@worker_option
@click.pass_context
def fix(ctx: click.Context, /, paths: tuple[str, ...], diff: bool, dry_run: bool, force: bool, **options: Any) -> None:
    """Apply confident fixes in place (atomically); - reads stdin and prints the corrected text."""
    from cleaner.commands.fix import run_fix

    ctx.exit(
        run_fix(paths, _article_settings(paths, options), diff, dry_run, _out, _err, force=force, jobs=options["jobs"])
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for <article>.html, <article>.json and index.html (default: reports, or the config's report-dir).",
)
@selection_options
@threshold_option
@article_options
@click.pass_context
def report(ctx: click.Context, /, paths: tuple[str, ...], out_dir: Path | None, **options: Any) -> None:
    """Write an HTML diff report and its JSON twin per article, plus index.html."""
    from cleaner.commands.report import run_report

    configs = _article_settings(paths, options, report_dir=out_dir)
    ctx.exit(run_report(paths, configs, configs.for_run(paths).report_dir, _out, _err, options["jobs"]))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for part-NNNNNN.jsonl (findings per partition), summary.json and reports/.",
)
@click.option("--text-field", default="text", show_default=True, help="JSON-lines corpora: the field with the text.")
@click.option("--id-field", default="id", show_default=True, help="JSON-lines corpora: the field with the document id.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the embedded Dask LocalCluster (default: one per CPU core).",
)
@click.option("--scheduler", default=None, help="Run on an existing Dask cluster (e.g. tcp://host:8786).")
@click.option(
    "--connect-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for --scheduler.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles per Dask task.",
)
@click.option("--worker-memory", default=None, help="Memory limit per embedded worker (e.g. 2GiB).")
@click.option("--html", is_flag=True, help="Also write an HTML report per article under reports/.")
@click.option("--progress/--no-progress", "show_progress", default=None, help="Force the progress bar on or off.")
@threshold_option
@article_options
@click.pass_context
def batch(
    ctx: click.Context,
    /,
    inputs: tuple[str, ...],
    out_dir: Path,
    text_field: str,
    id_field: str,
    workers: int | None,
    scheduler: str | None,
    connect_timeout: float,
    partition_size: int,
    worker_memory: str | None,
    html: bool,
    show_progress: bool | None,
    **options: Any,
) -> None:
    """Lint a corpus (folders, globs, JSON-lines[.gz]) on Dask; resumable, with lint's findings."""
    from cleaner.commands.batch import batch_options, run_batch_command

    settings = _article_settings(inputs, options).for_run(inputs)
    parsed = batch_options(
        inputs,
        out_dir,
        text_field=text_field,
        id_field=id_field,
        workers=workers,
        scheduler=scheduler,
        connect_timeout=connect_timeout,
        partition_size=partition_size,
        worker_memory=worker_memory,
        html=html,
        show_progress=show_progress,
    )
    ctx.exit(run_batch_command(parsed, settings, _out, _err))


@cli.command("config")
@click.argument("path", required=False)
@config_option
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@click.pass_context
def config_cmd(ctx: click.Context, path: str | None, config_file: Path | None, fmt: str) -> None:
    """Print the effective configuration for PATH (default: the current folder) and where it came from."""
    from cleaner.commands.config import run_config

    ctx.exit(run_config([path] if path else [], config_file, fmt, _out))


@cli.group()
def rules() -> None:
    """Inspect and test rule files."""


@rules.command("list")
@rules_option
@no_builtin_option
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default="table", show_default=True)
@click.pass_context
def rules_list(ctx: click.Context, rules: tuple[Path, ...], no_builtin: bool, fmt: str) -> None:
    """List every rule with its category, severity, confidence and source line."""
    from cleaner.commands.rules import run_rules_list

    ctx.exit(run_rules_list(rules, not no_builtin, _out, fmt))


@rules.command("show")
@click.argument("rule_id")
@rules_option
@no_builtin_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.pass_context
def rules_show(ctx: click.Context, rule_id: str, rules: tuple[Path, ...], no_builtin: bool, fmt: str) -> None:
    """Show one rule in full: message, pivot languages, what it matches, replacements and examples."""
    from cleaner.commands.rules import run_rules_show

    ctx.exit(run_rules_show(rule_id, rules, not no_builtin, _out, fmt))


@rules.command("test")
@rules_option
@no_builtin_option
@click.option(
    "--languagetool",
    "with_languagetool",
    is_flag=True,
    help="Also run the examples of cleaner's LanguageTool XML rules through the real server.",
)
@click.pass_context
def rules_test(ctx: click.Context, rules: tuple[Path, ...], no_builtin: bool, with_languagetool: bool) -> None:
    """Run every rule's examples; failures are printed as file:line."""
    from cleaner.commands.rules import run_rules_test

    code = run_rules_test(rules, not no_builtin, _out)
    if with_languagetool:
        from cleaner.commands.xml_rules import run_xml_rules_test

        code = max(code, run_xml_rules_test(_out))
    ctx.exit(code)


@rules.command("mine")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--clean",
    "clean",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="More clean English (JSONL[.gz] with text or original) for the false-alarm rate; the originals always count.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the candidate YAML here and print the ranked table (default: YAML to stdout).",
)
@click.option(
    "--min-support",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Right applications a candidate needs.",
)
@click.option(
    "--min-documents",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Distinct source documents a candidate needs.",
)
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.5, show_default=True)
@click.option("--max-candidates", type=click.IntRange(min=1), default=300, show_default=True)
@click.pass_context
def rules_mine(
    ctx: click.Context,
    pairs: Path,
    clean: Path | None,
    out_path: Path | None,
    min_support: int,
    min_documents: int,
    min_precision: float,
    max_candidates: int,
) -> None:
    """Mine candidate rules from round-trip (original, garbled) PAIRS (JSONL[.gz]) for review."""
    from cleaner.commands.mine import run_rules_mine
    from cleaner.mining import MineSettings

    settings = MineSettings(min_support, min_documents, min_precision, max_candidates)
    ctx.exit(run_rules_mine(pairs, clean, out_path, settings, _out))


@cli.command("eval")
@click.argument("corpus", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--clean",
    "clean",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Clean original-English news (JSONL[.gz] with id, text): flags per 1,000 words, likely false alarms.",
)
@click.option(
    "--roundtrip",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Round-trip pairs (JSONL[.gz] with id, original, garbled): P/R/F1 per engine, kind and rule; restoration.",
)
@click.option("--quick", is_flag=True, help="Only the README's quick slice of the MQM corpus (37 documents).")
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Only the first N articles (and clean documents)."
)
@click.option(
    "--no-languagetool", "no_lt", is_flag=True, help="Leave LanguageTool out (same as --engines rules,names)."
)
@click.option(
    "--engines", default=None, help="Comma-separated checkers to run: rules,names,languagetool (default: all)."
)
@click.option(
    "--lt-only-defaults",
    is_flag=True,
    help="Baseline: LanguageTool alone with its own default rules (no cleaner rules, selection or filters).",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write flagged spans and corrections as JSONL.",
)
@click.option(
    "--summary", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write every number as JSON."
)
@click.option(
    "--rule-stats",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write per-rule fires (clean, MT) and MT hit rates (.md table, or .csv).",
)
@click.option(
    "--write-precision",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the rule engine's measured precision (rules/measured-precision.json) from this run's data.",
)
@click.option("--name", default=None, help="Label of this run in the table and summary.")
@click.option("--progress/--no-progress", "show_progress", default=None, help="Force the progress bar on or off.")
@threshold_option
@rules_option
@no_builtin_option
@config_option
@click.pass_context
def eval_cmd(
    ctx: click.Context,
    corpus: Path | None,
    clean: Path | None,
    roundtrip: Path | None,
    quick: bool,
    limit: int | None,
    no_lt: bool,
    engines: str | None,
    lt_only_defaults: bool,
    predictions: Path | None,
    summary: Path | None,
    rule_stats: Path | None,
    write_precision: Path | None,
    name: str | None,
    show_progress: bool | None,
    threshold: float | None,
    rules: tuple[Path, ...],
    no_builtin: bool,
    config_file: Path | None,
) -> None:
    """Measure detection and correction quality on an MQM-annotated corpus and/or clean news."""
    from cleaner.evaluation import require_eval_extra

    require_eval_extra()
    from cleaner.commands.eval import EvalOptions, eval_settings, parse_engines, run_eval

    options = EvalOptions(
        corpus=corpus,
        clean=clean,
        roundtrip=roundtrip,
        quick=quick,
        limit=limit,
        engines=parse_engines(engines, no_lt),
        lt_only_defaults=lt_only_defaults,
        predictions=predictions,
        summary=summary,
        rule_stats=rule_stats,
        write_precision=write_precision,
        name=name,
        show_progress=show_progress,
    )
    ctx.exit(run_eval(options, eval_settings(rules, not no_builtin, threshold, config_file), _out, _err))


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
