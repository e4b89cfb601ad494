"""The engine as the commands open it: modes, missing or corrupt models, proposals on real text."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.document import Document
from cleaner.fluency.checker import FluencyChecker, open_fluency
from cleaner.fluency.confusions import load_confusions
from cleaner.fluency.gguf_weights import ModelError
from cleaner.fluency.propose import RULE_ID, propose
from cleaner.fluency.scorer import Scorer
from cleaner.fluency.settings import FluencyOptions
from cleaner.settings import Settings


def _settings(mode: str, model: Path | None = None) -> Settings:
    return Settings(languagetool="off", fluency=mode, fluency_options=FluencyOptions(model=model, threads=1))


def test_off_opens_nothing() -> None:
    with contextlib.ExitStack() as stack:
        assert open_fluency(_settings("off"), print, stack) is None


def test_required_mode_with_missing_model_raises_naming_the_file(tmp_path: Path) -> None:
    with contextlib.ExitStack() as stack, pytest.raises(ModelError, match=r"gone\.gguf"):
        open_fluency(_settings("gate", tmp_path / "gone.gguf"), print, stack)


def test_auto_mode_with_missing_model_warns_once_and_goes_on(tmp_path: Path) -> None:
    warnings: list[str] = []
    with contextlib.ExitStack() as stack:
        assert open_fluency(_settings("auto", tmp_path / "gone.gguf"), warnings.append, stack) is None
    assert len(warnings) == 1 and "gone.gguf" in warnings[0] and "without fluency" in warnings[0]


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


def test_proposals_name_the_pivot_sense(scorer: Scorer) -> None:
    text = "The government imposed new prices of 25% on imported steel and aluminium from Canada."
    doc = Document.from_text(text)
    found = propose(doc, load_confusions(), scorer, FluencyOptions(), [])
    assert [f.text for f in found] == ["prices"]
    (f,) = found
    assert f.rule_id == RULE_ID and f.engine == "fluency" and f.replacements == ("tariffs",)
    assert "'tarifa' is both 'prices' and 'tariffs'" in f.message


def test_clean_sentence_gets_no_proposal(scorer: Scorer) -> None:
    doc = Document.from_text("Oil prices rose sharply on Monday as investors worried about supply.")
    assert propose(doc, load_confusions(), scorer, FluencyOptions(), []) == []


def test_gate_mode_checks_nothing_itself_and_full_mode_proposes(scorer: Scorer) -> None:
    text = "The government imposed new prices of 25% on imported steel and aluminium from Canada."
    doc = Document.from_text(text)
    gate = FluencyChecker(scorer, load_confusions(), "gate", FluencyOptions())
    full = replace(gate.options)
    assert gate.check(doc) == []
    assert [f.text for f in FluencyChecker(scorer, load_confusions(), "full", full).check(doc)] == ["prices"]


def test_default_pipeline_runs_full_mode_and_fix_applies_a_clear_proposal() -> None:
    from cleaner.commands.common import open_pipeline
    from cleaner.sources import Source

    text = "Many people think that the new rule can be well for young players, but bad for veterans.\n"
    with open_pipeline(Settings(languagetool="off"), print) as pipeline:
        result = pipeline.analyze(Source(path="a.txt", text=text))
        again = pipeline.analyze(Source(path="a.txt", text=text))
    assert "fluency" in result.engines
    assert [f.rule_id for f in result.findings if f.engine == "fluency"] == [RULE_ID]
    (f,) = [f for f in result.findings if f.engine == "fluency"]
    assert "Spanish 'bien' is both 'well' and 'good'" in f.message
    assert "the new rule can be good for young players" in result.corrected
    assert again.findings == result.findings
