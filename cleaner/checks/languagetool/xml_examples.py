"""The examples of cleaner's LanguageTool XML rules, run through the real server as tests.

Every ``<rule>`` of ``rules/languagetool/grammar_custom.xml`` carries examples
the way LanguageTool's own rules do: ``<example correction="...">`` (or
``type="incorrect"`` where the rule offers no replacement) marks the garble
with ``<marker>``; a plain ``<example>`` is correct English the rule must
leave alone.  :func:`check_examples` sends each one to a LanguageTool client
and reports every example whose rule did not fire where marked with the
correction first, or fired on a correct one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cleaner.checks.languagetool.mapping import LTMatch


@dataclass(frozen=True)
class XmlExample:
    """One example of one rule: the sentence, the marked span, the expected first correction."""

    rule_id: str
    text: str
    bad: bool
    start: int
    end: int
    corrections: tuple[str, ...]
    line: int

    def where(self, path: Path) -> str:
        return f"{path}:{self.line}: {self.rule_id}"


@dataclass(frozen=True)
class ExampleFailure:
    """An example that did not behave."""

    example: XmlExample
    problem: str
    path: Path

    def __str__(self) -> str:
        return f"{self.example.where(self.path)}: {self.problem}: {self.example.text!r}"


def _example_text(element: ET.Element) -> tuple[str, int, int]:
    """The example sentence without tags, and the marker's span in it (0, 0 when there is none)."""
    text = element.text or ""
    start = end = 0
    for child in element:
        if child.tag == "marker":
            start = len(text)
            text += "".join(child.itertext())
            end = len(text)
        else:
            text += "".join(child.itertext())
        text += child.tail or ""
    return text, start, end


def _rule_lines(source: str) -> dict[str, int]:
    """The line of each rulegroup/rule id (for file:line messages)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        if 'id="' in line and ("<rule " in line or "<rulegroup " in line):
            rule_id = line.split('id="', 1)[1].split('"', 1)[0]
            lines.setdefault(rule_id, number)
    return lines


def load_examples(path: Path) -> list[XmlExample]:
    """Every example of every rule in the XML rule file ``path``."""
    source = path.read_text(encoding="utf-8")
    root = ET.fromstring(source)
    lines = _rule_lines(source)
    out: list[XmlExample] = []
    for group in root.iter():
        if group.tag not in ("rule", "rulegroup") or "id" not in group.attrib:
            continue
        rule_id = group.attrib["id"]
        rules = [group] if group.tag == "rule" else list(group.iter("rule"))
        for rule in rules:
            for ex in rule.iter("example"):
                text, start, end = _example_text(ex)
                bad = "correction" in ex.attrib or ex.attrib.get("type") == "incorrect"
                corrections = tuple(c for c in ex.attrib.get("correction", "").split("|") if c)
                out.append(XmlExample(rule_id, text, bad, start, end, corrections, lines.get(rule_id, 1)))
    return out


def rule_ids(path: Path) -> list[str]:
    """The id of every rulegroup and standalone rule in the file (what LanguageTool reports)."""
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    ids: list[str] = []
    for category in root.iter("category"):
        for child in category:
            if child.tag in ("rule", "rulegroup") and "id" in child.attrib:
                ids.append(child.attrib["id"])
    return ids


def judge_example(example: XmlExample, matches: Iterable[LTMatch]) -> str | None:
    """None when the example behaved, else what went wrong."""
    own = [m for m in matches if m.rule_id == example.rule_id]
    if not example.bad:
        if own:
            m = own[0]
            return f"fired on a correct example at {example.text[m.start : m.end]!r}"
        return None
    if not own:
        return "did not fire"
    hit = [m for m in own if (m.start, m.end) == (example.start, example.end)]
    if not hit:
        spans = ", ".join(repr(example.text[m.start : m.end]) for m in own)
        return f"fired on {spans}, not on the marked {example.text[example.start : example.end]!r}"
    if example.corrections and (not hit[0].replacements or hit[0].replacements[0] != example.corrections[0]):
        return f"suggested {list(hit[0].replacements)}, expected {example.corrections[0]!r} first"
    return None


def check_examples(path: Path, check: Callable[[str], list[LTMatch]]) -> list[ExampleFailure]:
    """Run every example of ``path`` through ``check`` (a LanguageTool client's check)."""
    failures = []
    for example in load_examples(path):
        problem = judge_example(example, check(example.text))
        if problem is not None:
            failures.append(ExampleFailure(example, problem, path))
    return failures
