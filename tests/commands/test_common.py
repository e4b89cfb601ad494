"""What every article command shares: the pipeline it opens, and running it over paths one by one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.checks.registry import Mode
from cleaner.checks.rules import RuleSettings
from cleaner.commands import common
from cleaner.commands.common import analyze_paths, open_pipeline
from cleaner.config import Settings
from cleaner.document import Document
from cleaner.errors import CleanerError, InputError
from cleaner.findings import Finding
from cleaner.pipeline import ArticleResult

OFF = {"languagetool": Mode.OFF, "fluency": Mode.OFF}


def rules_only(folder: Path, rules_yaml: str) -> Settings:
    (folder / "rules.yaml").write_text(rules_yaml, encoding="utf-8")
    return Settings(rules=RuleSettings(paths=(folder,), builtin=False), modes=OFF)


RULE = """\
domain: test
rules:
  - id: T_PRICING_TALKS
    match: "pricing talks"
    replace: "{0}{0}{0}"
    message: "Repeats what it matched."
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "They held pricing talks."
        good: "They held pricing talkspricing talkspricing talks."
"""


def test_the_pipeline_holds_the_checkers_asked_for_and_oversized_rules_are_named_before_any_article(
    tmp_path: Path,
) -> None:
    warnings: list[str] = []
    with open_pipeline(rules_only(tmp_path, RULE), warnings.append) as pipeline:
        assert warnings and "T_PRICING_TALKS: replacement copies the matched text 3 times" in warnings[0]
        names = [c.name for c in pipeline.checkers]
        assert "rules" in names and "languagetool" not in names and "fluency" not in names
        assert pipeline.required == frozenset(names)  # the engines that are on by default cannot be skipped


class Noting:
    """A checker that has something to say once the run is over (as LanguageTool does about restarts)."""

    name = "noting"

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())

    def run_notes(self) -> list[str]:
        return ["note: the server was restarted once"]


def test_checker_notes_are_warned_after_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "open_checkers", lambda settings, stack: [(Noting(), Mode.OPTIONAL)])
    warnings: list[str] = []
    with open_pipeline(replace(Settings(), time_budget=0), warnings.append) as pipeline:
        assert pipeline.required == frozenset() and warnings == []
    assert warnings == ["note: the server was restarted once"]


class Slow:
    """A checker that takes half a second on articles that mention "slow"."""

    name = "slow"

    def check(self, doc: Document) -> Iterator[Finding]:
        if "slow" in doc.text:
            time.sleep(0.5)
        return iter(())


def test_input_errors_are_reported_in_order_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "open_checkers", lambda settings, stack: [(Slow(), Mode.REQUIRED)])
    good, slow = tmp_path / "good.txt", tmp_path / "slow.txt"
    good.write_text("Trade talks.\n", encoding="utf-8")
    slow.write_text("A slow article.\n", encoding="utf-8")
    refused = InputError(str(tmp_path / "pipe.txt"), "is a named pipe (FIFO), not a regular file")
    targets = [refused, str(tmp_path / "gone.txt"), str(slow), str(good)]
    reported: list[CleanerError] = []
    with open_pipeline(replace(Settings(), time_budget=0.1), lambda message: None) as pipeline:
        out = list(analyze_paths(targets, pipeline, reported.append))
    assert out[0] is refused and out[1:3] == reported[1:3]
    assert str(out[1]) == f"{tmp_path / 'gone.txt'}: no such file"
    assert str(out[2]).startswith(f"{slow}: took longer than its 0.1 s time budget")
    assert isinstance(out[3], ArticleResult) and out[3].path == str(good)
    assert len(reported) == 3
