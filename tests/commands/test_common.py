"""Pipelines: articles whose settings are equal share one pipeline; others get their own."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from cleaner.checks.registry import Mode
from cleaner.commands.common import Pipelines
from cleaner.config import Settings
from cleaner.findings import Severity, Vocabulary

OFFLINE = Settings(modes={"languagetool": Mode.OFF, "fluency": Mode.OFF})


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
