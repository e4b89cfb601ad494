"""Replacements that could blow an article up: warned about when the rules are loaded.

A replacement is normally a few words.  One of thousands of characters, or
one that repeats what it matched (``{0}{0}{0}``), lets a single ``fix`` turn a
46-byte article into a megabyte; that is almost always a mistake in a rule
file, so it is named (``file:line: rule-id:``) before any article is touched.
It stays a warning, not an error: a long boilerplate replacement can be meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleaner.checks.rules.model import Rule
from cleaner.checks.rules.template import _REF_RE, template_refs

MAX_LITERAL_CHARS = 200
"""Characters of a replacement's own text (references to the match not counted)."""
MAX_MATCH_COPIES = 2
"""Copies of the whole match ({0}) or repeats of one element a replacement may hold."""


def growth_problem(template: str) -> str | None:
    """Why ``template`` could grow an article far beyond its matched text (None when it cannot)."""
    literal = len(_REF_RE.sub("", template))
    if literal > MAX_LITERAL_CHARS:
        return f"replacement is {literal:,} characters long (bound {MAX_LITERAL_CHARS})"
    refs = template_refs(template)
    if refs.count(0) > MAX_MATCH_COPIES or len(refs) - len(set(refs)) >= MAX_MATCH_COPIES:
        return f"replacement copies the matched text {len(refs)} times (bound {MAX_MATCH_COPIES})"
    return None


def oversized_replacements(rules: Iterable[Rule]) -> Iterator[str]:
    """One warning line per rule whose replacements could make a fix grow the article without bound."""
    for rule in rules:
        for template in rule.replacements:
            problem = growth_problem(template)
            if problem is not None:
                yield (
                    f"warning: {rule.path}:{rule.line}: {rule.id}: {problem}; "
                    "each fix would grow the article by that much"
                )
                break
