"""Each checked file gets its nearest configuration; --config wins for all; the search stops at the git top."""

from __future__ import annotations

from pathlib import Path

from cleaner.config import Configurations, Settings
from cleaner.findings import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_each_file_gets_its_own_nearest_configuration(tmp_path: Path) -> None:
    write(tmp_path / "desk" / ".cleaner.toml", 'fail-on = "info"\n')
    write(tmp_path / "world" / ".cleaner.toml", 'fail-on = "major"\n')
    a, b = write(tmp_path / "desk" / "a.md", "x"), write(tmp_path / "world" / "b.md", "x")
    c = Configurations()
    assert c.for_file(str(a)).fail_on is Severity.INFO and c.for_file(str(b)).fail_on is Severity.MAJOR
    assert c.for_file(str(tmp_path / "desk" / "deep" / "c.md")) is c.for_file(str(a))  # shared, built once
    assert c.for_run([str(b), str(a)]).fail_on is Severity.MAJOR  # run-wide values: the first path's


def test_explicit_config_wins_for_every_file(tmp_path: Path) -> None:
    write(tmp_path / "desk" / ".cleaner.toml", 'fail-on = "info"\n')
    team = write(tmp_path / "team.toml", 'fail-on = "major"\n')
    c = Configurations(team)
    assert c.for_file(str(tmp_path / "desk" / "a.md")).fail_on is Severity.MAJOR
    assert c.for_file(str(tmp_path / "b.md")).config_path == team


def test_the_search_stops_at_the_top_of_the_git_work_tree(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'fail-on = "info"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    inside = tmp_path / "repo" / "news" / "a.md"
    assert Configurations().for_file(str(inside)) == Settings()  # the file above the repository is not used
    write(tmp_path / "repo" / ".cleaner.toml", 'fail-on = "major"\n')
    assert Configurations().for_file(str(inside)).fail_on is Severity.MAJOR


def test_fixed_settings_apply_to_every_file(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'fail-on = "info"\n')
    fixed = Settings(fail_on=Severity.MAJOR)
    c = Configurations.of(fixed)
    assert c.for_file(str(tmp_path / "a.md")) is fixed and Configurations.of(c) is c


def test_used_lists_each_distinct_article_settings_once_and_the_selection_is_the_command_lines(
    tmp_path: Path,
) -> None:
    from cleaner.config import Overrides
    from cleaner.findings import Selection

    write(tmp_path / "desk" / ".cleaner.toml", 'fail-on = "info"\n')
    chosen = Selection(select=("T_",))
    c = Configurations(overrides=Overrides(selection=chosen))
    assert c.used() == () and c.selection == chosen
    first = c.for_file(str(tmp_path / "desk" / "a.md"))
    c.for_file(str(tmp_path / "desk" / "b.md"))
    other = c.for_file(str(tmp_path / "b.md"))
    assert c.used() == (first, other)
    assert first.policy.selection == other.policy.selection == chosen  # every article's, whatever its file
    assert Configurations().selection == Selection()
    fixed = Settings(fail_on=Severity.MAJOR)
    assert Configurations.of(fixed).used() == (fixed,)
