"""The engine as the commands open it: modes, missing or corrupt models, proposals on real text."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.checks.fluency import SURPRISE_RULE_ID
from cleaner.checks.fluency.checker import FluencyChecker, open_fluency
from cleaner.checks.fluency.confusions import load_confusions
from cleaner.checks.fluency.gguf_weights import LlamaWeights, ModelError
from cleaner.checks.fluency.propose import RULE_ID
from cleaner.checks.fluency.score_cache import ScoreCache
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.registry import Mode, open_checkers
from cleaner.cli import main
from cleaner.config.settings import Settings
from cleaner.document import Document
from cleaner.document.spans import Span
from cleaner.findings import Finding, Severity

NO_LT = {"languagetool": Mode.OFF}


def test_off_opens_nothing() -> None:
    with contextlib.ExitStack() as stack:
        opened = open_checkers(Settings(modes={**NO_LT, "fluency": Mode.OFF}), stack)
    assert "fluency" not in [c.name for c, _ in opened]


def test_required_mode_with_missing_model_raises_naming_the_file(tmp_path: Path) -> None:
    options = FluencyOptions(kind="gate", model=tmp_path / "gone.gguf", threads=1)
    with contextlib.ExitStack() as stack, pytest.raises(ModelError, match=r"gone\.gguf"):
        open_fluency(options, True, stack)


def test_optional_mode_with_missing_model_warns_once_and_goes_on(tmp_path: Path) -> None:
    from cleaner.commands.common import open_pipeline
    from cleaner.document import Source

    settings = Settings(modes=NO_LT, fluency=FluencyOptions(model=tmp_path / "gone.gguf", threads=1))
    warnings: list[str] = []
    with open_pipeline(settings, warnings.append) as pipeline:
        first = pipeline.analyze(Source(path="a.txt", text="Oil prices rose on Monday.\n"))
        second = pipeline.analyze(Source(path="b.txt", text="Oil prices fell on Tuesday.\n"))
    assert len(warnings) == 1 and "gone.gguf" in warnings[0] and "without fluency" in warnings[0]
    assert "fluency" not in first.engines and "fluency" not in second.engines


def test_cli_exit_2_with_one_line_naming_a_corrupt_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a model at all")
    (tmp_path / ".cleaner.toml").write_text(f'[fluency]\nmodel = "{bad.name}"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Oil prices rose on Monday.\n", encoding="utf-8")
    assert main(["lint", str(article), "--no-languagetool", "--fluency", "gate"]) == 2
    captured = capsys.readouterr()
    lines = [line for line in (captured.out + captured.err).splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.gguf" in lines[0]
    assert main(["lint", str(article), "--no-languagetool"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("bad.gguf") == 1 and "continuing without fluency" in captured.err


def test_gate_mode_checks_nothing_itself_and_full_mode_proposes(scorer: Scorer) -> None:
    text = "The government imposed new prices of 25% on imported steel and aluminium from Canada."
    doc = Document.from_text(text)
    gate = FluencyChecker(scorer, load_confusions(), "gate", FluencyOptions())
    full = replace(gate.options)
    assert gate.check(doc) == []
    assert [f.text for f in FluencyChecker(scorer, load_confusions(), "full", full).check(doc)] == ["prices"]


def test_default_pipeline_runs_full_mode_and_fix_applies_a_clear_proposal() -> None:
    from cleaner.commands.common import open_pipeline
    from cleaner.document.sources import Source

    text = "Many people think that the new rule can be well for young players, but bad for veterans.\n"
    with open_pipeline(Settings(modes=NO_LT), print) as pipeline:
        result = pipeline.analyze(Source(path="a.txt", text=text))
        again = pipeline.analyze(Source(path="a.txt", text=text))
    assert "fluency" in result.engines
    assert [f.rule_id for f in result.findings if f.engine == "fluency"] == [RULE_ID]
    (f,) = [f for f in result.findings if f.engine == "fluency"]
    assert "'bé' is both 'well' and 'good'" in f.message  # Catalan: Apertium eng-spa's pairs are GPL-2-only
    assert "the new rule can be good for young players" in result.corrected
    assert again.findings == result.findings


def test_with_surprising_words_one_pass_scores_them_and_the_proposals_and_the_gate_reuses_it(
    weights: LlamaWeights,
) -> None:
    from cleaner.checks.fluency.gate import _window as gate_window
    from cleaner.checks.fluency.propose import propose
    from cleaner.checks.fluency.surprise import surprise_windows, surprising_words
    from cleaner.checks.fluency.windows import SENTENCE_GRID

    text = "The government imposed new prices of 25% on imported steel and aluminium from Canada."
    doc = Document.from_text(text)
    options = FluencyOptions(surprise=6.0)
    scorer = Scorer(weights, ScoreCache(None), threads=1)
    passes: list[int] = []
    run = scorer._run

    def counted(batch: Sequence[tuple[str, str, list[int], int]]) -> dict[tuple[str, str], list[float]]:
        passes.append(len(batch))
        return run(batch)

    scorer._run = counted  # type: ignore[method-assign]
    found = FluencyChecker(scorer, load_confusions(), "full", options).check(doc)
    assert len(passes) == 1
    apart = Scorer(weights, ScoreCache(None), threads=1)
    proposed = propose(doc, load_confusions(), apart, options, [], SENTENCE_GRID)
    hints = [f for f in surprising_words(doc, apart, 6.0) if f.span not in {p.span for p in proposed}]
    assert [(f.rule_id, f.span) for f in found] == [(f.rule_id, f.span) for f in proposed + hints]
    assert RULE_ID in {f.rule_id for f in found} and SURPRISE_RULE_ID in {f.rule_id for f in found}

    other = _rule_finding(text, "imported", "foreign", Severity.MINOR, 0.7)
    before = scorer.tokens_run
    FluencyChecker(scorer, load_confusions(), "full", options).refine(doc, [other])
    window = gate_window(doc, other)
    ran = scorer.paths(proposal_windows_of(doc) + surprise_windows(doc)[1])
    assert scorer.tokens_run - before == len(scorer.paths([window]) - ran) - 1  # the last token is predicted only
    assert scorer.tokens_run - before < len(scorer.paths([window])) // 2


def test_a_rule_hint_scored_as_a_proposal_takes_its_context_from_the_surprise_chains(weights: LlamaWeights) -> None:
    """Deep in a long sentence the gate's own windows start at a 12-word point; a hint judged like a proposal
    is cut on the proposals' grid, so its context is a node of the chain the check's pass ran."""
    from cleaner.checks.fluency.gate import _window as gate_window
    from cleaner.checks.fluency.surprise import surprise_windows
    from cleaner.checks.fluency.windows import SENTENCE_GRID, SPAN_GRID

    text = (
        "The government of the country imposed on Monday new prices of 25% on the steel, the copper and "
        "the aluminium imported from Canada and Mexico."
    )
    doc = Document.from_text(text)
    options = FluencyOptions(surprise=14.0)
    scorer = Scorer(weights, ScoreCache(None), threads=1)
    checker = FluencyChecker(scorer, load_confusions(), "full", options)
    checker.check(doc)
    hint = _rule_finding(text, "imported", "brought", Severity.INFO, 0.5)
    before = scorer.tokens_run
    checker.refine(doc, [hint])
    cost = scorer.tokens_run - before
    ran = scorer.paths(proposal_windows_of(doc) + surprise_windows(doc)[1])
    long, short = gate_window(doc, hint, SENTENCE_GRID), gate_window(doc, hint, SPAN_GRID)
    assert long.prefix.startswith("The government") and short.prefix.startswith("on the steel")
    assert 0 < cost < len(scorer.paths([long]) - ran) <= len(scorer.paths([short]) - ran) - 8


def proposal_windows_of(doc: Document) -> list[Window]:
    from cleaner.checks.fluency.propose import candidates, proposal_windows
    from cleaner.checks.fluency.windows import SENTENCE_GRID

    chosen = candidates(doc, load_confusions(), FluencyOptions().max_candidates, [])
    return proposal_windows(doc, chosen, SENTENCE_GRID)


def _rule_finding(text: str, word: str, replacement: str, severity: Severity, confidence: float) -> Finding:
    """A rule file's finding on ``word`` (its first occurrence) for the gate to judge."""
    start = text.index(word)
    return Finding(
        span=Span(start, start + len(word)),
        text=word,
        rule_id="TEST",
        engine="rules",
        category="test",
        severity=severity,
        confidence=confidence,
        message="test",
        replacements=(replacement,),
    )
