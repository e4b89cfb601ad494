"""LanguageToolSettings: where LanguageTool lives, what the server is asked to skip, what the cache key covers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.checks.languagetool.selection import CUSTOM_CATEGORY, DEFAULT_DISABLED_RULES
from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings
from cleaner.paths import cache_dir


def test_the_install_root_is_the_environment_then_home_then_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "env"))
    assert LanguageToolSettings(home=tmp_path / "home").install_root() == tmp_path / "env"
    monkeypatch.delenv(HOME_ENV)
    assert LanguageToolSettings(home=tmp_path / "home").install_root() == tmp_path / "home"
    assert LanguageToolSettings().install_root() == cache_dir() / "languagetool"


def test_the_state_folder_is_made_in_the_cache() -> None:
    state = LanguageToolSettings().state_dir()
    assert state == cache_dir() / "languagetool" and state.is_dir()


def test_wildcards_are_filtered_here_and_exact_ids_sent_to_the_server() -> None:
    s = LanguageToolSettings(disabled_rules=frozenset({"EN_DIACRITICS_*", "A", "B"}), enabled_rules=frozenset({"B"}))
    assert s.server_disabled_rules() == ("A",)  # B was switched back on; LanguageTool has no wildcards
    assert s.rule_prefixes() == ("EN_DIACRITICS_",)


def test_settings_split_the_selection_and_let_users_switch_rules_back_on() -> None:
    assert "EN_UNPAIRED_QUOTES" in DEFAULT_DISABLED_RULES
    s = LanguageToolSettings(
        enabled_rules=frozenset({"EN_UNPAIRED_QUOTES"}), enabled_categories=frozenset({"REDUNDANCY"})
    )
    assert "EN_UNPAIRED_QUOTES" not in s.server_disabled_rules()
    assert "REDUNDANCY" not in s.server_disabled_categories()
    assert not any(r.endswith("*") for r in s.server_disabled_rules())
    assert s.fingerprint() != LanguageToolSettings().fingerprint()


def test_cleaners_own_category_is_skipped_unless_asked_for_by_name() -> None:
    assert CUSTOM_CATEGORY in LanguageToolSettings(disabled_categories=frozenset()).server_disabled_categories()
    mine = LanguageToolSettings(enabled_categories=frozenset({CUSTOM_CATEGORY}))
    assert CUSTOM_CATEGORY not in mine.server_disabled_categories() and mine.wants_custom_rules
    only = replace(mine, enabled_only=True)
    assert only.server_disabled_rules() == () and only.server_disabled_categories() == ()


def test_the_fingerprint_covers_what_changes_languagetools_answer_and_nothing_else(tmp_path: Path) -> None:
    base = LanguageToolSettings()
    same = replace(
        base, max_heap="4g", request_timeout=1.0, home=tmp_path, cache_max_mb=1.0, skip_names_in_spelling=False
    )
    assert same.fingerprint() == base.fingerprint()  # cached raw matches are filtered after the cache
    for changed in (
        replace(base, language="en-GB"),
        replace(base, enabled_only=True),
        replace(base, disabled_categories=base.disabled_categories | {"NEW_CATEGORY"}),
    ):
        assert changed.fingerprint() != base.fingerprint()
    # a wildcard is filtered on our side, so the server's answer (and the key) stays the same
    assert replace(base, disabled_rules=base.disabled_rules | {"X_*"}).fingerprint() == base.fingerprint()
