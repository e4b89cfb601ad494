"""What a run says about what went wrong: every configuration mistake, oversized rules, safe reports."""

from __future__ import annotations

import re
import textwrap

import pytest
from bs4 import BeautifulSoup

from tests.hostile.conftest import run_cleaner
from tests.support.cmd_fixtures import ARTICLE

pytestmark = pytest.mark.timeout(300)


def test_every_configuration_mistake_is_listed_with_its_line(lint, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text(
        textwrap.dedent(
            """\
            [project]
            name = "desk"

            [tool.cleaner]
            fail-on = "fatal"
            fix-treshold = 0.5
            time-budget = -3

            [tool.cleaner.languagetool]
            enabled = "maybe"
            port = 8081
            """
        ),
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    answer = lint(str(article))
    assert answer.code == 2
    assert answer.stdout == ""
    assert len(answer.errors) == 5
    assert answer.errors[:4] == [
        f"error: {config}:5: tool.cleaner.fail-on: expected one of major, minor, info, got 'fatal'",
        f"error: {config}:6: tool.cleaner.fix-treshold: unknown key; did you mean 'fix-threshold'?",
        f"error: {config}:7: tool.cleaner.time-budget: expected a number of seconds (0: no limit), got -3",
        f"error: {config}:10: tool.cleaner.languagetool.enabled: expected true, false or \"required\", got 'maybe'",
    ]
    assert answer.errors[4].startswith(f"error: {config}:11: tool.cleaner.languagetool.port: unknown key (known keys: ")


def test_a_toml_syntax_error_names_its_line(lint, tmp_path):
    config = tmp_path / ".cleaner.toml"
    config.write_text('fail-on = "major"\n\nfix-threshold = \n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    answer = lint(str(article))
    assert answer.code == 2
    assert len(answer.errors) == 1
    assert answer.errors[0].startswith(f"error: {config}:3: (TOML syntax): ")


def test_a_replacement_over_the_size_bound_is_warned_about_at_load(tmp_path):
    rules = tmp_path / "house.yaml"
    rules.write_text(
        textwrap.dedent(
            f"""\
            domain: house
            rules:
              - id: HOUSE_BLOWUP
                match: "pricing talks"
                replace: "{"talks" * 192}"
                message: "A careless replacement."
                category: mistranslation
                severity: major
                confidence: 0.9
                examples:
                  - bad: "They held pricing talks."
                    good: "They held {"talks" * 192}."
              - id: HOUSE_ECHO
                regex: "census (office)"
                replace: "{{1}} {{1}} {{1}}"
                message: "Repeats what it matched."
                category: institution
                severity: minor
                confidence: 0.9
                examples:
                  - bad: "The census office said so."
                    good: "The office office office said so."
            """
        ),
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    answer = run_cleaner("lint", "--no-builtin-rules", "--rules", str(rules), "--no-languagetool", str(article))
    warnings = [line for line in answer.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {rules}:3: HOUSE_BLOWUP: replacement is 960 characters long (bound 200); "
        "each fix would grow the article by that much",
        f"warning: {rules}:13: HOUSE_ECHO: replacement copies the matched text 3 times (bound 2); "
        "each fix would grow the article by that much",
    ]
    assert answer.code == 1  # a warning, not an error: the rules still run


HOSTILE = (
    "<script>alert('x')</script> pricing talks {{ 7*7 }} {% raw %} </script><img src=https://evil.example/x.png>\n"
    '"><iframe src=//evil.example></iframe> The census office said &amp; <style>@import url(http://e.example)</style>\n'
)


def test_reports_escape_hostile_text_carry_a_csp_and_load_nothing(rules_file, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "reports"
    answer = run_cleaner(
        "report", "--no-builtin-rules", "--rules", str(rules_file), "--no-languagetool", "--out", str(out), str(article)
    )
    assert answer.code == 1
    for page in (out / "hostile.html", out / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html
        assert "<script>alert" not in html and "<iframe" not in html and "<img src=https" not in html
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["iframe", "img", "object", "embed", "base"])
        for tag in soup.find_all(True):
            for attr in ("src", "href", "action", "poster", "srcset"):
                value = str(tag.get(attr) or "")
                assert not re.match(r"\s*(?:[a-z]+:)?//", value, re.I), (tag.name, attr, value)
        for style in soup.find_all("style"):
            assert not re.search(r"@import|url\(", style.get_text())
        for script in soup.find_all("script"):
            assert not script.get("src")
            assert "alert('x')" not in script.get_text() or "\\u003c" in script.get_text()
    article_html = (out / "hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in article_html or "\\u003cscript\\u003ealert" in article_html
