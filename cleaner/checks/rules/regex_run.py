"""All regex rules in one pass, each match found in bounded time.

Per paragraph, a few RE2 sets (linear time, 16 rules each) say which regex
rules can match there.  A rule RE2 can run exactly (see
:mod:`cleaner.checks.rules.re2_syntax`) is then matched by RE2 itself; a rule with
look-around or back-references was put into a set in a relaxed form that
matches wherever it does, and is confirmed by the bounded Python engine
(:class:`LazyRegex`: ``re`` under a CPU-time deadline).  Paragraphs with
non-ASCII text, where RE2's classes would differ from Python's, very long
paragraphs, and rules RE2 cannot express at all go the old way: a literal
prefilter, then the bounded Python engine.  A rule that runs out of time is
named in a one-line error instead of hanging the run.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cleaner.checks.rules import model
from cleaner.checks.rules.literals import NON_ASCII
from cleaner.checks.rules.model import LazyRegex, Rule
from cleaner.checks.rules.re2_syntax import to_re2
from cleaner.document import Span
from cleaner.errors import CleanerError

SET_SIZE = 16
"""Regex rules per RE2 set (see :meth:`RegexPass._set`)."""
SET_WINDOW = 64_000
"""Longer paragraphs skip the RE2 sets: a set whose DFA runs out of memory answers "no match"
instead of falling back as a single RE2 program does, so huge paragraphs go the Python way."""


class RegexTimeout(CleanerError):
    """A rule's regular expression ran longer than its bound on an article."""

    def __init__(self, rule: Rule, where: str) -> None:
        super().__init__(
            f"{rule.where}: {rule.id}: regular expression ran longer than {model.REGEX_SECONDS:g}s on {where}; "
            "rewrite it without nested or overlapping repeats, or disable the rule"
        )


@dataclass(frozen=True, slots=True)
class Re2Form:
    """A regex rule's RE2 spelling; ``exact`` when it matches exactly what Python's does on ASCII text."""

    source: str
    exact: bool


def re2_form(regex: LazyRegex) -> Re2Form | None:
    """The RE2 form of a rule's regex (exact if possible, else relaxed), or None."""
    exact = to_re2(regex.pattern, regex.flags)
    if exact is not None:
        return Re2Form(exact, True)
    relaxed = to_re2(regex.pattern, regex.flags, relaxed=True)
    return Re2Form(relaxed, False) if relaxed is not None else None


@dataclass(frozen=True, slots=True)
class RegexHit:
    """One match of a regex rule: the span to flag and the spans of its groups."""

    rule_index: int
    span: Span
    groups: tuple[Span | None, ...]


class RegexPass:
    """The compiled regex side of a rule set; built once per run, not pickled."""

    def __init__(
        self,
        rules: Sequence[Rule],
        indices: Sequence[int],
        literals: Sequence[tuple[str, ...] | None],
        forms: Sequence[Re2Form | None],
    ) -> None:
        self.rules = rules
        self.indices = tuple(indices)
        self.literals = tuple(literals)
        self.forms = tuple(forms)
        self._enabled_cache: dict[frozenset[str], list[bool]] = {}

    @cached_property
    def _set(self) -> tuple[list[tuple[Any, list[int]]], list[int], dict[int, Any]]:
        """RE2 sets over every rule with an RE2 form (each set: entry → position in ``indices``),
        every position covered, and the exact RE2 programs.

        Several small sets rather than one: a set's DFA is built lazily as text
        is read, and one DFA over all rules keeps building new states for every
        new paragraph (about 5 ms a paragraph), while small ones settle quickly.
        """
        import re2

        options = re2.Options()
        options.max_mem = 64 << 20
        exact: dict[int, Any] = {}
        usable: list[tuple[int, str]] = []
        for k, form in enumerate(self.forms):
            if form is None:
                continue
            try:
                program = re2.compile(form.source, options)  # refuses what RE2 cannot take (e.g. huge repeats)
                if form.exact:
                    exact[k] = program
            except re2.error:
                continue
            usable.append((k, form.source))
        sets: list[tuple[Any, list[int]]] = []
        for start in range(0, len(usable), SET_SIZE):
            chunk = usable[start : start + SET_SIZE]
            rules_set = re2.Set.SearchSet(options)
            for _, source in chunk:
                rules_set.Add(source)
            rules_set.Compile()
            sets.append((rules_set, [k for k, _ in chunk]))
        return sets, [k for k, _ in usable], exact

    def _matching(self, window: str) -> list[int]:
        """Positions (in ``indices``) of the set-covered rules that match somewhere in ``window``."""
        found: list[int] = []
        for rules_set, entries in self._set[0]:
            found.extend(entries[e] for e in rules_set.Match(window) or ())
        return sorted(found)

    def hits(self, text: str, paragraphs: Sequence[Span], disabled: frozenset[str], where: str) -> Iterator[RegexHit]:
        """Every match of every enabled regex rule in ``text``, paragraph by paragraph."""
        if not self.indices:
            return
        exact = self._set[2]
        enabled = self._enabled(disabled)
        outside = self._outside
        locate = _LiteralLocator(text, paragraphs)
        wide: list[int] = []
        for p, para in enumerate(paragraphs):
            lo = para.start - 1 if para.start > 0 else 0
            window = text[lo : para.end]
            if len(window) > SET_WINDOW or not window.isascii():
                wide.append(p)
                continue
            for k in self._matching(window):
                if not enabled[k]:
                    continue
                if k in exact:
                    for m in exact[k].finditer(window, para.start - lo):
                        yield from self._hit(k, m, lo)
                elif locate.contains(p, self.literals[k]):  # a relaxed form: confirm where it can match
                    yield from self._bounded(k, text, para, where)
        if not outside and not wide:
            return
        for k in outside if not wide else range(len(self.indices)):
            if not enabled[k]:
                continue
            chosen = locate.paragraphs_with(self.literals[k])
            for p in chosen if k in outside else sorted(set(chosen).intersection(wide)):
                yield from self._bounded(k, text, paragraphs[p], where)

    @cached_property
    def _outside(self) -> set[int]:
        """Rules the RE2 set does not cover: always scanned by the bounded engine."""
        return set(range(len(self.indices))) - set(self._set[1])

    def _enabled(self, disabled: frozenset[str]) -> list[bool]:
        if disabled not in self._enabled_cache:
            ids = getattr(self.rules, "ids", None) or [r.id for r in self.rules]  # LazyRules: without decoding
            self._enabled_cache[disabled] = [ids[i] not in disabled for i in self.indices]
        return self._enabled_cache[disabled]

    def _bounded(self, k: int, text: str, para: Span, where: str) -> Iterator[RegexHit]:
        rule = self.rules[self.indices[k]]
        assert rule.regex is not None
        try:
            for m in rule.regex.finditer(text, para.start, para.end):
                yield from self._hit(k, m, 0)
        except TimeoutError:
            raise RegexTimeout(rule, where) from None

    def _hit(self, k: int, m: Any, offset: int) -> Iterator[RegexHit]:
        if m.end() == m.start():
            return
        flag, n_groups = m.re.groupindex.get("flag", 0), m.re.groups
        start, end = (m.start(flag), m.end(flag)) if flag and m.start(flag) >= 0 else (m.start(), m.end())
        groups = tuple(
            Span(m.start(g) + offset, m.end(g) + offset) if m.start(g) >= 0 else None for g in range(1, n_groups + 1)
        )
        yield RegexHit(self.indices[k], Span(start + offset, end + offset), groups)


class _LiteralLocator:
    """Which paragraphs contain a regex rule's required literals (one lower-cased copy of the text)."""

    def __init__(self, text: str, paragraphs: Sequence[Span]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.starts = [p.start for p in paragraphs]
        self._lowered: str | None = None
        self._cache: dict[str, set[int]] = {}

    def contains(self, paragraph: int, literals: tuple[str, ...] | None) -> bool:
        """True when paragraph number ``paragraph`` holds one of ``literals`` (always, for None)."""
        return literals is None or any(paragraph in self._locate(lit) for lit in literals)

    def paragraphs_with(self, literals: tuple[str, ...] | None) -> list[int]:
        if literals is None:
            return list(range(len(self.paragraphs)))
        found: set[int] = set()
        for lit in literals:
            found |= self._locate(lit)
        return sorted(found)

    def _locate(self, literal: str) -> set[int]:
        if literal not in self._cache:
            if literal == NON_ASCII:
                hits = {i for i, p in enumerate(self.paragraphs) if not self.text[p.start : p.end].isascii()}
            else:
                if self._lowered is None:
                    lowered = self.text.lower()
                    self._lowered = lowered if len(lowered) == len(self.text) else self.text
                hits = set()
                pos = self._lowered.find(literal)
                while pos >= 0:
                    i = bisect.bisect_right(self.starts, pos) - 1
                    if i >= 0:
                        hits.add(i)
                        nxt = self.paragraphs[i].end
                    else:
                        nxt = pos + 1
                    pos = self._lowered.find(literal, max(nxt, pos + 1))
            self._cache[literal] = hits
        return self._cache[literal]
