"""The package layout holds: stages import each other only through their public faces, and only downwards.

This reads every module's imports (the ``ast``, including imports inside
functions); it is the import contract ``make test`` enforces.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"

STAGES = (
    "cleaner.document",
    "cleaner.findings",
    "cleaner.fixes",
    "cleaner.checks",
    "cleaner.checks.rules",
    "cleaner.checks.languagetool",
    "cleaner.config",
    "cleaner.report",
    "cleaner.evaluation",
    "cleaner.mining",
    "cleaner.commands",
    "cleaner.batch",
    "cleaner.worker",
)
"""Packages whose modules are internal: outside it, a stage is imported as the package itself."""

PUBLIC_MODULES = frozenset(
    {
        "cleaner.checks.checker",  # the Checker protocol
        "cleaner.checks.registry",  # the one registry of checkers
        "cleaner.report.outputs",  # Report → str outputs
        "cleaner.report.run",  # the run-level Report
        "cleaner.report.html",  # the HTML report and its index
        "cleaner.report.article_json",  # the HTML report's JSON twin
        "cleaner.report.jsonout",  # the lint JSON contract (batch writes the same records)
        "cleaner.report.model",  # derived report values (garble-score levels) the batch summary shares
        "cleaner.commands.common",  # open_pipeline: what every article command and batch worker opens
    }
)
"""Modules other stages may import by name; besides these, a stage's ``settings`` module is public."""

LAYERS = (
    ("cleaner.errors", "cleaner.paths", "cleaner.files", "cleaner.progress", "cleaner.budget", "cleaner"),
    ("cleaner.document",),
    ("cleaner.findings",),
    ("cleaner.fixes", "cleaner.metrics"),
    ("cleaner.checks",),
    ("cleaner.config",),
    ("cleaner.pipeline",),
    ("cleaner.report", "cleaner.evaluation", "cleaner.mining"),
    ("cleaner.commands", "cleaner.batch"),
    ("cleaner.cli",),
    ("cleaner.worker",),
    ("cleaner.__main__",),
)
"""Lowest first: a module may import its own layer and the layers below, never above."""


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def _imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, imported module) of every absolute import, leaving out ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _all_imports() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found.extend((_module_name(path), line, target) for line, target in _imports(tree))
    return [(m, line, t) for m, line, t in found if t == "cleaner" or t.startswith("cleaner.")]


def _innermost(name: str, packages: tuple[str, ...]) -> str | None:
    inside = [p for p in packages if name == p or name.startswith(p + ".")]
    return max(inside, key=len) if inside else None


def _layer(name: str) -> int:
    for level, members in enumerate(LAYERS):
        if _innermost(name, tuple(m for m in members if m != "cleaner")) is not None:
            return level
    return 0


Import = tuple[str, int, str]


def _reaches(imports: list[Import]) -> list[str]:
    """Imports of another stage's inner modules."""
    reaches = []
    for module, line, target in imports:
        stage = _innermost(target, STAGES)
        if stage is None or target == stage or target in PUBLIC_MODULES or target.endswith(".settings"):
            continue
        if module == stage or module.startswith(stage + "."):
            continue
        if stage == "cleaner.commands" and module == "cleaner.cli":
            continue  # the CLI calls one function per command
        reaches.append(f"{module}:{line} imports {target}")
    return reaches


def _upward(imports: list[Import]) -> list[str]:
    """Imports of a higher layer."""
    return [f"{m}:{line} imports {t}" for m, line, t in imports if _layer(t) > _layer(m)]


def test_no_stage_reaches_into_another_stages_internals() -> None:
    reaches = _reaches(_all_imports())
    assert not reaches, "\n".join(reaches)


def test_stages_import_only_downwards() -> None:
    upward = _upward(_all_imports())
    assert not upward, "\n".join(upward)


def test_the_top_level_keeps_at_most_ten_loose_modules() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 10, loose


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_says_what_it_is(stage: str) -> None:
    init = PACKAGE.parent.joinpath(*stage.split("."), "__init__.py")
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{stage} has no docstring"


def test_the_contract_catches_reaches_and_upward_imports() -> None:
    """The checks themselves can fail."""
    assert _reaches([("cleaner.report.sarif", 3, "cleaner.fixes.prose")]) == [
        "cleaner.report.sarif:3 imports cleaner.fixes.prose"
    ]
    assert _reaches([("cleaner.fixes.plan", 1, "cleaner.fixes.prose"), ("cleaner.pipeline", 1, "cleaner.fixes")]) == []
    assert _upward([("cleaner.document.document", 9, "cleaner.pipeline")]) == [
        "cleaner.document.document:9 imports cleaner.pipeline"
    ]
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import cleaner.config\nimport cleaner.fixes\n"
    )
    assert list(_imports(tree)) == [(1, "typing"), (4, "cleaner.fixes")]
