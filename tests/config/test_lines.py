"""Line numbers of configuration keys, for error messages."""

from __future__ import annotations

from cleaner.config.lines import key_line, syntax_error_line

PYPROJECT = """\
[project]
name = "desk"

[tool.cleaner]
fail-on = "major"
"time-budget" = 5
languagetool = { idle-timeout = 0 }
severity.R1 = "info"

[tool.cleaner.languagetool]
enabled = "maybe"
"""


def test_keys_are_found_under_their_table_dotted_quoted_or_inline():
    assert key_line(PYPROJECT, ("tool", "cleaner", "fail-on")) == 5
    assert key_line(PYPROJECT, ("tool", "cleaner", "time-budget")) == 6
    assert key_line(PYPROJECT, ("tool", "cleaner", "languagetool", "idle-timeout")) == 7
    assert key_line(PYPROJECT, ("tool", "cleaner", "severity", "R1")) == 8
    assert key_line(PYPROJECT, ("tool", "cleaner", "languagetool", "enabled")) == 11
    assert key_line(PYPROJECT, ("tool", "cleaner")) == 4
    assert key_line(PYPROJECT, ("project", "version")) == 1  # not written: the table it belongs to
    assert key_line(PYPROJECT, ("nowhere",)) is None


def test_the_line_of_a_toml_syntax_error():
    assert syntax_error_line("Invalid value (at line 3, column 11)") == 3
    assert syntax_error_line("Something else") is None
