"""Vocabularies: accepted terms leave every engine's unknown-word findings, rejected terms are always flagged."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from cleaner.document import Document, Span
from cleaner.findings import REJECT_RULE_ID, Finding, Severity, Vocabulary, check_term, filter_accepted
from tests.support.article_kit import run_cli

ARTICLE = (
    "The minister said the seva família was safe.\n\n"
    "Dembele scored twice. Later, Dembelle said the team played well. Dembele thanked the fans. Dembele left.\n"
)
"""Flagged with no vocabulary: "seva" and "família" (untranslated words), "Dembelle" (a name's odd spelling)."""

OFFLINE = ("--no-languagetool", "--fluency", "off", "--format", "json")


def _finding(text: str) -> Finding:
    return Finding(Span(0, len(text)), text, "X", "names", "c", Severity.MINOR, 0.5, "m")


def _lint(capsys: pytest.CaptureFixture[str], article: Path, *extra: str) -> tuple[int, list[tuple[str, str]]]:
    code, out, err = run_cli(capsys, "lint", str(article), *OFFLINE, *extra)
    assert code in (0, 1), err
    return code, [(f["rule_id"], f["text"]) for a in json.loads(out)["files"] for f in a["findings"]]


def _setup(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".cleaner.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    return article


def test_accepted_terms_are_exact_and_case_sensitive_unless_the_pattern_says_so() -> None:
    vocabulary = Vocabulary(accept=("Dembelle", "(?i)seva", r"Kilch\w+"))
    assert vocabulary.accepts("Dembelle") and not vocabulary.accepts("dembelle")
    assert vocabulary.accepts("SEVA") and vocabulary.accepts("seva")
    assert vocabulary.accepts("Kilcher") and not vocabulary.accepts("Kilcher said")  # the whole flagged text
    kept = list(filter_accepted([_finding("Dembelle"), _finding("dembelle"), _finding("famílias")], vocabulary))
    assert [f.text for f in kept] == ["dembelle", "famílias"]


def test_rejected_terms_are_found_as_whole_words_outside_markup() -> None:
    text = "They utilise it; utilised is fine; `utilise` in code; Utilise."
    blanked = text.replace("`utilise`", " " * len("`utilise`"))
    doc = Document("a.md", text, check_text=blanked)
    found = list(Vocabulary(reject=("utilise",)).rejected_findings(doc))
    assert [(f.span.start, f.text) for f in found] == [(5, "utilise")]
    assert found[0].rule_id == REJECT_RULE_ID and "utilise" in found[0].message
    insensitive = list(Vocabulary(reject=("(?i)utilise",)).rejected_findings(doc))
    assert [f.text for f in insensitive] == ["utilise", "Utilise"]


def test_bad_terms_are_named() -> None:
    assert check_term("Pog(ba") is not None and "regular expression" in (check_term("Pog(ba") or "")
    assert check_term("x*") == "matches the empty string"
    assert check_term("(?i)kcna") is None


def test_accept_drops_untranslated_and_name_findings_end_to_end(tmp_path: Path, capsys) -> None:
    article = _setup(tmp_path, "")
    _, before = _lint(capsys, article)
    assert ("NAME_INCONSISTENT", "Dembelle") in before and ("PIVOT_UNTRANSLATED_WORD", "seva") in before
    _setup(tmp_path, 'accept = ["Dembelle", "seva"]\n')
    _, after = _lint(capsys, article)
    assert after == [f for f in before if f[1] not in {"Dembelle", "seva"}]
    assert ("PIVOT_UNTRANSLATED_WORD", "família") in after  # only the accepted terms go


def test_reject_is_always_flagged_and_fails_the_run(tmp_path: Path, capsys) -> None:
    article = _setup(tmp_path, 'reject = ["minister", "(?i)THANKED"]\nfail-on = "minor"\naccept = ["Dembelle"]\n')
    code, found = _lint(capsys, article)
    assert ("VOCAB_REJECT", "minister") in found and ("VOCAB_REJECT", "thanked") in found
    assert code == 1
    _, out, _ = run_cli(capsys, "lint", str(article), *OFFLINE[:-2])
    assert "'minister' is a rejected term" in out


def test_term_files_like_vales_accept_and_reject_txt(tmp_path: Path, capsys) -> None:
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "accept.txt").write_text("# names of our desk\nDembelle\n\n(?i)SEVA\n", encoding="utf-8")
    (styles / "reject.txt").write_text("# never in print\nteam\n", encoding="utf-8")
    article = _setup(tmp_path, 'accept = "styles/accept.txt"\nreject = "styles/reject.txt"\n')
    _, found = _lint(capsys, article)
    texts = {t for _, t in found}
    assert "Dembelle" not in texts and "seva" not in texts
    assert ("VOCAB_REJECT", "team") in found


def test_a_bad_term_in_a_file_is_one_line_naming_file_and_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "accept.txt").write_text("Dembelle\n# ok\nPog(ba\n", encoding="utf-8")
    article = _setup(tmp_path, 'accept = "accept.txt"\n')
    code, out, err = run_cli(capsys, "lint", str(article), *OFFLINE)
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0
    assert f"{tmp_path / 'accept.txt'}:3: 'Pog(ba': not a valid regular expression" in err
    assert err.startswith(f"error: {tmp_path / '.cleaner.toml'}:1: accept:")


def test_vocab_reject_is_a_rule_like_any_other_for_select_ignore_and_suppressions(tmp_path: Path, capsys) -> None:
    """--select/--ignore see VOCAB_REJECT (engine "vocabulary"); comments, entries and settings may name it."""
    article = _setup(
        tmp_path, 'reject = ["minister", "team"]\n\n[[suppress]]\npath = "story.md"\nrule = "VOCAB_REJECT"\nline = 3\n'
    )
    _, found = _lint(capsys, article)
    assert ("VOCAB_REJECT", "minister") in found and ("VOCAB_REJECT", "team") not in found  # the entry's line 3
    assert any(rule != "VOCAB_REJECT" for rule, _ in found)
    _, ignored = _lint(capsys, article, "--ignore", "VOCAB_REJECT")
    assert ignored == [f for f in found if f[0] != "VOCAB_REJECT"]
    for pattern in ("vocabulary", "VOCAB_"):
        _, selected = _lint(capsys, article, "--select", pattern)
        assert selected == [("VOCAB_REJECT", "minister")]
    code, out, err = run_cli(capsys, "lint", str(article), *OFFLINE, "--select", "VOCAB_REJECT,vocabulary")
    assert (code, err) == (1, "") and "VOCAB_REJECT" in out  # known patterns, a used entry: no warning


def test_vocab_reject_is_a_known_id_where_no_term_is_rejected(tmp_path: Path, capsys) -> None:
    article = _setup(tmp_path, 'disable = ["VOCAB_REJECT"]\nseverity = { vocabulary = "major" }\n')
    code, out, err = run_cli(capsys, "lint", str(article), *OFFLINE, "--ignore", "VOCAB_REJECT")
    assert code in (0, 1) and err == ""  # no unknown id in the file, no unknown pattern
    assert "VOCAB_REJECT" not in out
    _setup(tmp_path, 'disable = ["VOCAB_REJEC"]\n')
    _, _, err = run_cli(capsys, "lint", str(article), *OFFLINE)
    assert "unknown rule id 'VOCAB_REJEC'; did you mean 'VOCAB_REJECT'?" in err


def test_accepted_terms_are_gone_before_select_sees_them(tmp_path: Path, capsys) -> None:
    article = _setup(tmp_path, 'accept = ["Dembelle"]\n')
    _, selected = _lint(capsys, article, "--select", "NAME_INCONSISTENT")
    assert selected == []  # --select brings no accepted finding back
    _setup(tmp_path, "")
    _, selected = _lint(capsys, article, "--select", "NAME_INCONSISTENT")
    assert selected == [("NAME_INCONSISTENT", "Dembelle")]
