"""``cleaner eval`` names the missing ``eval`` extra in one line instead of failing mid-run."""

from __future__ import annotations

import importlib.util

import pytest

from cleaner import evaluation
from cleaner.errors import CleanerError


def test_missing_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(evaluation, "find_spec", lambda name: None if name == "scipy" else real(name))
    with pytest.raises(CleanerError, match=r"^cleaner eval needs scipy: pip install 'cleaner\[eval\]'$"):
        evaluation.require_eval_extra()


def test_installed_extra_passes() -> None:
    evaluation.require_eval_extra()
