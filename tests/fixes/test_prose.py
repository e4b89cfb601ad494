"""Fitting edits to prose: in Markdown/HTML an edit never touches markup, and it still names its very finding."""

from __future__ import annotations

from cleaner.document import Span, decode, load_document
from cleaner.findings import Finding, Severity, numbered
from cleaner.fixes import CROSSES_MARKUP, corrected_text, plan_fixes, propose_edit
from cleaner.fixes.prose import fit_to_prose


def finding(text: str, start: int, end: int, *replacements: str) -> Finding:
    return Finding(
        Span(start, end), text[start:end], "R", "rules", "title", Severity.MAJOR, 0.9, "m", tuple(replacements)
    )


def markdown(text: str):
    return load_document(decode("a.md", text.encode()))


def test_an_edit_across_emphasis_is_narrowed_to_the_changed_word() -> None:
    doc = markdown("Trump and *Chinese* chief Xi spoke.\n")
    start = doc.text.index("Chinese")
    f = finding(doc.text, start, doc.text.index(" Xi"), "Chinese leader")
    assert fit_to_prose(doc, f, "Chinese leader") == (Span(doc.text.index("chief"), doc.text.index(" Xi")), "leader")


def test_the_plan_links_the_narrowed_edit_to_the_finding_itself() -> None:
    doc = markdown("Trump and *Chinese* chief Xi spoke.\n")
    (f,) = numbered([finding(doc.text, doc.text.index("Chinese"), doc.text.index(" Xi"), "Chinese leader")])
    plan = plan_fixes(doc, [f])
    (edit,) = plan.edits
    assert edit.finding is f and edit.finding_id == f.id == 1
    assert (edit.before, edit.after, edit.replacement) == ("chief", "leader", "Chinese leader")
    assert corrected_text(plan) == "Trump and *Chinese* leader Xi spoke.\n"


def test_a_change_inside_markup_stays_a_suggestion() -> None:
    doc = markdown("See [the pricing talks](https://x.org/pricing) today.\n")
    start = doc.text.index("talks")
    f = finding(doc.text, start, doc.text.index("today") + 5, "negotiations on Tuesday")
    (suggestion,) = plan_fixes(doc, numbered([f])).suggestions
    assert suggestion.reason == CROSSES_MARKUP and suggestion.finding_id == 1
    assert propose_edit(doc, f, "negotiations on Tuesday") is None


def test_plain_text_across_a_line_break_keeps_the_line() -> None:
    doc = load_document(decode("a.txt", b"the pricing\ntalks went on\n"))
    f = finding(doc.text, 4, 17, "pricing negotiations")
    (edit,) = plan_fixes(doc, [f]).edits
    assert (edit.before, edit.after) == ("talks", "negotiations")
    (unfitted,) = plan_fixes(doc.text, [f]).edits  # the bare text: no fitting, the line break would go
    assert (unfitted.before, unfitted.after) == ("\ntalks", " negotiations")
