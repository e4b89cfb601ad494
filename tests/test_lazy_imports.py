"""A rules-only lint (no LanguageTool, no fluency model) of a plain-text article imports only what it uses (issue 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NOT_NEEDED = [
    *(f"cleaner.checks.languagetool.{m}" for m in ("cache", "checker", "client", "install", "server", "supervisor")),
    "language_tool_python",
    "psutil",
    "markdown_it",
    "bs4",
    "jsonschema",
    "cleaner.evaluation",
    "numpy",
    "scipy",
    "importlib.metadata",  # 45 ms: cache keys read package versions from the dist-info folders
    "rich",  # 25 ms: only a progress bar on a terminal needs it
    "cleaner.commands.processes",  # and multiprocessing: only --jobs 2 or more
]

PROBE = """
import json, sys
from cleaner.cli import main
code = main(["lint", "--no-languagetool", "--fluency", "off", sys.argv[1]])
print(json.dumps(sorted(sys.modules)))
"""


def test_plain_rules_only_lint_imports_nothing_heavy(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("They held pricing talks in Beijing.\n", encoding="utf-8")
    warm = [sys.executable, "-c", PROBE, str(article)]
    subprocess.run(warm, capture_output=True, text=True, check=False, timeout=300)  # compile the rule cache once
    done = subprocess.run(warm, capture_output=True, text=True, check=False, timeout=300)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "cleaner.checks.rules.matcher" in loaded
    for name in NOT_NEEDED:
        assert not [m for m in loaded if m == name or m.startswith(name + ".")], name
