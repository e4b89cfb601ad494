"""The pre-commit hooks, run by the real ``pre-commit try-repo`` in a temporary git repository.

pre-commit clones a hook repository from git, so the hooks are tried from a committed
copy of this repository's working tree (``try-repo`` on the working tree itself would
only see changes to files git already tracks).  pre-commit then builds its own
virtualenv and pip-installs cleaner with its dependencies from PyPI, exactly as in a
newsroom's repository.  ``try-repo`` installs afresh every time, so only the first test
uses it; the others run ``pre-commit run`` with a configuration naming the same hook
repository and share one installation (a minute or two in all, most of it pip).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.worker import control, keys
from tests.support.article_kit import RULES
from tests.support.worker_kit import stop_and_kill

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "cleaner", "rules")
"""What a hook installation needs from the repository (the wheel's sources and the manifest)."""

GARBLED = "# Talks resume\n\nChina and the US accepted more pricing talks.\n\nThey will conclude an agreement.\n"
CLEAN = "# Council approves budget\n\nThe council met on Tuesday and approved the budget.\n"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_ENV)
    env["CLEANER_CACHE_DIR"] = str(tmp / "cleaner-cache")
    env["CLEANER_WORKER_IDLE_TIMEOUT"] = "300"
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if shutil.which("git") is None:
        if os.environ.get("CI"):
            pytest.fail("git is required for the pre-commit hook tests in CI")
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("precommit")
    yield folder
    # The hooks' --worker spawn starts workers, the last one just as a run ends: keep stopping what
    # appears for a few seconds (and CLEANER_WORKER_IDLE_TIMEOUT in _env bounds anything missed).
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for place in _workers_under(folder / "cleaner-cache"):
            stop_and_kill(place)
        time.sleep(0.5)


def _workers_under(cache: Path) -> list[keys.Place]:
    return [keys.Place(str(lock.parent), lock.stem) for lock in (cache / "worker").glob("*.lock")]


@pytest.fixture(scope="module")
def hook_repo(workdir: Path) -> Path:
    """A committed copy of this repository, as pre-commit would clone it."""
    dest = workdir / "cleaner-repo"
    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SHIPPED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    env = _env(workdir)
    _git(dest, env, "init", "-q")
    _git(dest, env, "add", "-A")
    _git(dest, env, "commit", "-q", "-m", "hook repository")
    return dest


@pytest.fixture
def newsroom(workdir: Path, tmp_path: Path) -> Path:
    """A newsroom repository: test rules in style/, LanguageTool off, one garbled and one clean article."""
    repo = tmp_path / "newsroom"
    (repo / "style").mkdir(parents=True)
    (repo / "style" / "rules.yaml").write_text(RULES, encoding="utf-8")
    (repo / ".cleaner.toml").write_text(
        textwrap.dedent(
            """\
            rules = ["style"]
            builtin-rules = false
            [languagetool]
            enabled = false
            """
        ),
        encoding="utf-8",
    )
    (repo / "garbled.md").write_text(GARBLED, encoding="utf-8")
    (repo / "desk").mkdir()
    # the desk checks with the built-in rules: proves the installed hook finds them
    (repo / "desk" / ".cleaner.toml").write_text("[languagetool]\nenabled = false\n", encoding="utf-8")
    (repo / "desk" / "clean.html").write_text(f"<h1>Council</h1>\n<p>{CLEAN.splitlines()[2]}</p>\n", "utf-8")
    env = _env(workdir)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    return repo


def pre_commit(workdir: Path, newsroom: Path, *args: str, ci: bool | None = None) -> subprocess.CompletedProcess[str]:
    env = _env(workdir)
    if ci is False:
        env.pop("CI", None)
    env["PRE_COMMIT_HOME"] = str(workdir / "pre-commit-home")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=newsroom,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def try_repo(
    workdir: Path, newsroom: Path, hook_repo: Path, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    return pre_commit(workdir, newsroom, "try-repo", str(hook_repo), hook, "--files", *files)


def run_hook(
    workdir: Path, newsroom: Path, hook_repo: Path, hook: str, *files: str, ci: bool | None = None
) -> subprocess.CompletedProcess[str]:
    """``pre-commit run HOOK`` with a config naming the hook repository at its commit, as a newsroom would."""
    rev = _git(hook_repo, _env(workdir), "rev-parse", "HEAD").strip()
    config = newsroom / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: cleaner\n      - id: cleaner-fix\n",
        encoding="utf-8",
    )
    return pre_commit(workdir, newsroom, "run", hook, "--config", str(config), "--files", *files, ci=ci)


def test_lint_hook_fails_on_a_garbled_article(workdir: Path, newsroom: Path, hook_repo: Path) -> None:
    run = try_repo(workdir, newsroom, hook_repo, "cleaner", "garbled.md")
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "- hook id: cleaner" in out and "Failed" in out
    assert "garbled.md:3:32: major T_PRICING_TALKS \"pricing talks\": French 'tarif' means tariff" in out
    assert "garbled.md:5:11: minor T_CONCLUDE" in out
    assert "2 findings (1 major, 1 minor, 0 info) in 1 file" in out


def test_lint_hook_passes_a_clean_article_with_the_builtin_rules(
    workdir: Path, newsroom: Path, hook_repo: Path
) -> None:
    run = run_hook(workdir, newsroom, hook_repo, "cleaner", "desk/clean.html")
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "Passed" in out


def test_fix_hook_rewrites_the_file_and_fails(workdir: Path, newsroom: Path, hook_repo: Path) -> None:
    run = run_hook(workdir, newsroom, hook_repo, "cleaner-fix", "garbled.md")
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "- files were modified by this hook" in out
    fixed = (newsroom / "garbled.md").read_text(encoding="utf-8")
    assert fixed == GARBLED.replace("pricing talks", "trade talks").replace("conclude", "reach")


def test_the_hook_starts_a_worker_that_the_next_commit_uses(workdir: Path, newsroom: Path, hook_repo: Path) -> None:
    """``--worker spawn`` in the hook's entry: the first run answers itself and leaves a worker behind.

    (Earlier tests' hook environments may have left workers of their own: the one that answers the
    second run is the one whose request count goes up.)
    """
    first = run_hook(workdir, newsroom, hook_repo, "cleaner", "garbled.md", ci=False)
    assert first.returncode == 1, first.stdout + first.stderr
    deadline = time.monotonic() + 120
    served: dict[str, int] = {}
    while not served and time.monotonic() < deadline:
        served = _served(workdir)
        time.sleep(0.2)
    assert served, "no worker was started by the hook"
    second = run_hook(workdir, newsroom, hook_repo, "cleaner", "garbled.md", ci=False)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    after = _served(workdir)
    assert any(n == served.get(name, 0) + 1 for name, n in after.items())


def _served(workdir: Path) -> dict[str, int]:
    """Requests served so far by each worker that answers, by its place's name."""
    answers = {p.name: control.ask(p, "status") for p in _workers_under(workdir / "cleaner-cache")}
    return {name: int(str(a["served"])) for name, a in answers.items() if a}
