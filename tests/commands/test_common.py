"""What every article command shares: the pipelines it opens (one per distinct settings), running them over paths."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.checks.registry import Mode
from cleaner.checks.rules import RuleSettings
from cleaner.commands import common
from cleaner.commands.common import Pipelines, analyze_paths, open_pipeline
from cleaner.config import Settings
from cleaner.document import Document
from cleaner.errors import CleanerError, InputError
from cleaner.findings import Finding, Selection, Severity, SuppressEntry, Vocabulary
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
        out = list(analyze_paths(targets, lambda _path: pipeline, reported.append))
    assert out[0] is refused and out[1:3] == reported[1:3]
    assert str(out[1]) == f"{tmp_path / 'gone.txt'}: no such file"
    assert str(out[2]).startswith(f"{slow}: took longer than its 0.1 s time budget")
    assert isinstance(out[3], ArticleResult) and out[3].path == str(good)
    assert len(reported) == 3


OFFLINE = Settings(modes=OFF)


def test_equal_settings_share_one_pipeline_and_different_ones_do_not() -> None:
    warnings: list[str] = []
    with contextlib.ExitStack() as stack:
        pipelines = Pipelines(stack, warnings.append)
        first = pipelines(OFFLINE)
        same = pipelines(replace(OFFLINE))  # an equal copy, as two folders with the same file would give
        other = pipelines(replace(OFFLINE, vocabulary=Vocabulary(reject=("council",))))
        again = pipelines(replace(OFFLINE, fail_on=Severity.MINOR))  # the defaults spelled out: equal
        assert first is same is again and other is not first
        assert len(pipelines) == 2
        assert other.settings.vocabulary.reject == ("council",)


def test_suppress_entries_and_the_selection_are_part_of_the_settings_a_pipeline_is_shared_by(tmp_path: Path) -> None:
    """Articles under different [[suppress]] entries (or --select) must not share one pipeline's policy."""
    entry = SuppressEntry(path="a.txt", rule="T_CENSUS", root=tmp_path, origin=f"{tmp_path}/.cleaner.toml:1")
    suppressing = replace(OFFLINE, policy=replace(OFFLINE.policy, suppressions=(entry,)))
    selecting = replace(OFFLINE, policy=replace(OFFLINE.policy, selection=Selection(select=("T_",))))
    with contextlib.ExitStack() as stack:
        pipelines = Pipelines(stack, lambda message: None)
        plain, suppressed, selected = pipelines(OFFLINE), pipelines(suppressing), pipelines(selecting)
        assert len({id(plain), id(suppressed), id(selected)}) == 3
        assert suppressed.settings.policy.suppressions == (entry,)
        assert selected.settings.policy.selection.select == ("T_",)
        same_entry = replace(entry)  # the same entry read again for another article of that configuration
        assert pipelines(replace(OFFLINE, policy=replace(OFFLINE.policy, suppressions=(same_entry,)))) is suppressed
        assert len(pipelines) == 3


def test_a_warning_every_pipeline_gives_is_said_once(tmp_path: Path) -> None:
    """Two pipelines load the same oversized rule; the run names it once."""
    warnings: list[str] = []
    settings = rules_only(tmp_path, RULE)
    with contextlib.ExitStack() as stack:
        pipelines = Pipelines(stack, warnings.append)
        pipelines(settings)
        pipelines(replace(settings, fail_on=Severity.MAJOR))
        assert len(pipelines) == 2
    assert len([w for w in warnings if "T_PRICING_TALKS: replacement copies" in w]) == 1


def test_engines_required_by_choice_in_any_articles_configuration(tmp_path: Path) -> None:
    from cleaner.commands.common import engines_required_by_choice
    from cleaner.config import Configurations

    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".cleaner.toml").write_text('[languagetool]\nenabled = "required"\n', encoding="utf-8")
    configs = Configurations()
    configs.for_file(str(tmp_path / "a.md"))
    assert engines_required_by_choice(configs) == frozenset()
    configs.for_file(str(tmp_path / "desk" / "b.md"))
    assert engines_required_by_choice(configs) == frozenset({"languagetool", "pivot"})  # pivot follows it
    assert engines_required_by_choice(Settings()) == frozenset()


def test_what_a_run_loaded_is_frozen_once_per_process(monkeypatch) -> None:
    """The first call freezes what is alive; later ones (a resident worker's next requests) do not."""
    import gc

    from cleaner.commands import common

    monkeypatch.setattr(common, "_frozen", False)
    loaded = [[n] for n in range(1000)]  # container objects, tracked by the collector
    before = gc.get_freeze_count()
    common.out_of_the_collectors_sight()
    assert gc.get_freeze_count() >= before + len(loaded)
    frozen = gc.get_freeze_count()
    later = [[n] for n in range(1000)]
    common.out_of_the_collectors_sight()
    assert gc.get_freeze_count() == frozen and later
