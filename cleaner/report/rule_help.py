"""SARIF rule help: what a rule is for (message, pivot languages, examples) and where its documentation lives.

``help.text`` and ``help.markdown`` come from the rule file for the rule
engine's rules (the same Markdown as ``cleaner rules show --format
markdown``); other engines' rules get their message.  ``helpUri`` is the
page of the repository documentation for the rule's engine, at the tag of
the running version, so a link in an old alert keeps pointing at the
documentation that alert was raised with:
``{repository}/blob/v{version}/docs/{page}#{anchor}``.  The repository is
the package's first declared project URL (SARIF's ``informationUri``), else
:data:`REPOSITORY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cleaner import __version__
from cleaner.checks.rules import Rule, rule_dict, rule_markdown, rule_plain
from cleaner.findings import Finding

REPOSITORY = "https://example.org/your-org/cleaner"
"""Where cleaner is hosted when the installed package does not say (the placeholder of docs/integration.md)."""
_PIVOT = "pivot-phenomena-as-rule-classes-languagetool-xml-rules-and-the-untranslated-word-checker"
PAGES: Mapping[str, tuple[str, str]] = {
    "rules": ("rules.md", "looking-up-a-rule"),
    "names": ("rules.md", "looking-up-a-rule"),
    "pivot": ("rules.md", _PIVOT),
    "untranslated": ("rules.md", _PIVOT),
    "languagetool": ("languagetool.md", "findings"),
    "fluency": ("fluency.md", "confusion-sets"),
}
"""Engine → (page under docs/, anchor): the documentation helpUri points at."""


def help_uri(engine: str, repository: str | None = None) -> str:
    """The documentation URL for a rule of ``engine`` (an unknown engine gets the rule page)."""
    page, anchor = PAGES.get(engine, PAGES["rules"])
    return f"{(repository or REPOSITORY).rstrip('/')}/blob/v{__version__}/docs/{page}#{anchor}"


def rule_help(f: Finding, rules: Mapping[str, Rule]) -> dict[str, Any]:
    """SARIF ``help`` for the rule of ``f``: from its rule file when the rule engine's, else its message."""
    rule = rules.get(f.rule_id) if f.engine == "rules" else None
    if rule is None:
        text = " ".join(f.message.split())
        return {"text": text, "markdown": f"**{f.rule_id}** ({f.category}, {f.engine})\n\n{text}\n"}
    data = rule_dict(rule)
    return {"text": rule_plain(data), "markdown": rule_markdown(data)}
