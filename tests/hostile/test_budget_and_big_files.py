"""Big and slow articles: a time budget per article, chunks for every format, signs of life on a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import threading

import pytest

from tests.document.test_chunking import _html, _markdown
from tests.hostile.conftest import child_env, cleaner_command
from tests.support.cmd_fixtures import ARTICLE

pytestmark = pytest.mark.timeout(300)
STAGES = r"(read|load|check: rules|check: names|policy and suppressions|fix planning|readability)"


def test_an_article_over_its_budget_is_an_input_error_naming_it_and_the_stage(lint, tmp_path):
    big = tmp_path / "big.md"
    big.write_text(_markdown(20_000), encoding="utf-8")  # about 4 MB: 1.2 s of budget at 0.3 s per MiB
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")  # a few milliseconds of work: far inside 0.3 s
    answer = lint("--time-budget", "0.3", str(big), str(good))
    assert answer.code == 2
    assert len(answer.errors) == 1, answer.stderr
    assert re.fullmatch(
        rf"error: {re.escape(str(big))}: took longer than its 1\.\d+ s time budget \(in stage '{STAGES}'\); "
        r"skipped\. Raise time-budget in \[tool\.cleaner\] or pass --time-budget SECONDS \(0: no limit\)",
        answer.errors[0],
    ), answer.errors[0]
    assert f"{good}:1:11: major T_PRICING_TALKS" in answer.stdout
    assert answer.seconds < 30


def test_the_budget_comes_from_the_configuration_file(lint, tmp_path):
    (tmp_path / ".cleaner.toml").write_text("time-budget = 0.1\n", encoding="utf-8")
    big = tmp_path / "big.html"
    big.write_text(_html(10_000), encoding="utf-8")
    answer = lint(str(big))
    assert answer.code == 2
    assert answer.errors and "time budget" in answer.errors[0] and str(big) in answer.errors[0]
    assert lint("--time-budget", "0", str(big), timeout=180).code == 1  # 0: no limit


@pytest.mark.parametrize(("name", "make"), [("big.md", _markdown), ("big.html", _html)])
def test_a_big_markdown_or_html_article_shows_its_own_progress_on_a_terminal(rules_file, tmp_path, name, make):
    big = tmp_path / name
    calm = make(7_500).replace("pricing talks", "trade talks").replace("census office", "census bureau")
    big.write_text(calm + "\nThe pricing talks ended.\n", encoding="utf-8")  # one finding at the very end
    assert big.stat().st_size > 1_100_000  # over BIG_FILE_CHARS: two chunks
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    args = [
        "lint",
        "--no-builtin-rules",
        "--rules",
        str(rules_file),
        "--no-languagetool",
        "--time-budget",
        "0",
        str(big),
    ]
    env = child_env({"COLUMNS": "120", "TERM": "xterm"})
    try:
        done = subprocess.run(
            cleaner_command(*args), stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120, check=False
        )
    finally:
        os.close(slave)
        reader.join(5)
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 1
    assert name in shown and "━" in shown  # the per-file bar, named after the file
    assert "Traceback" not in shown
    piped = subprocess.run(cleaner_command(*args), capture_output=True, text=True, env=env, timeout=120, check=False)
    assert piped.returncode == 1
    assert piped.stderr == ""  # nothing extra when stderr is not a terminal
