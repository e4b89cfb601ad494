"""``fix`` and file rights: read-only files are refused, rewritten files keep what they had.

Root bypasses mode bits, so the read-only refusal is tested both as the user
running the tests and, when that is root, again as ``nobody`` (through
``setpriv``), where the kernel itself would say no to a write.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.conftest import child_env, run_cleaner
from tests.support.cmd_fixtures import ARTICLE, FIXED, RULES

pytestmark = pytest.mark.timeout(300)
NOBODY = 65534


def test_a_read_only_file_is_refused_in_one_line_and_the_rest_is_fixed(fix, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    answer = fix(str(locked), str(other))
    assert answer.code == 2
    assert answer.errors == [
        f"error: {locked}: cannot write: read-only (mode 0444); use --force to rewrite it anyway; left unchanged"
    ]
    assert locked.read_text(encoding="utf-8") == ARTICLE
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_text(encoding="utf-8") == FIXED


def test_force_rewrites_a_read_only_file_and_it_stays_read_only(fix, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0o444)
    answer = fix("--force", str(locked))
    assert answer.errors == []
    assert locked.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444


def test_diff_and_dry_run_do_not_refuse_a_read_only_file(fix, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0o444)
    assert fix("--diff", str(locked)).errors == []
    assert fix("--dry-run", str(locked)).errors == []


def test_owner_mode_and_extended_attributes_are_kept(fix, tmp_path):
    path = tmp_path / "tagged.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0o640)
    os.setxattr(path, "user.newsroom.status", b"legal-reviewed")
    os.setxattr(path, "user.newsroom.desk", b"foreign")
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    before = path.stat()
    fix(str(path))
    after = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert after.st_ino != before.st_ino  # really rewritten (atomically, through a new file)
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (before.st_uid, before.st_gid, 0o640)
    assert os.getxattr(path, "user.newsroom.status") == b"legal-reviewed"
    assert os.getxattr(path, "user.newsroom.desk") == b"foreign"


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_temporary_files_left_by_a_crashed_fix_are_removed_and_others_kept(fix, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    crashed = tmp_path / f".a.txt.cleaner-{_dead_pid()}-k3j2h1.tmp"
    stale = tmp_path / f".a.txt.cleaner-{os.getpid()}-old000.tmp"  # a live pid, but hours old: pid reused
    live = tmp_path / f".a.txt.cleaner-{os.getpid()}-live00.tmp"  # a fix running right now
    foreign = tmp_path / ".a.txt.x8y9z.tmp"  # not ours
    for leftover in (crashed, stale, live, foreign):
        leftover.write_text("half an article", encoding="utf-8")
    old = time.time() - 3 * 3600
    os.utime(stale, (old, old))
    answer = fix(str(path))
    assert not crashed.exists() and not stale.exists()
    assert live.exists() and foreign.exists()
    assert "removed 2 temporary file(s) left by an interrupted fix" in answer.stderr
    assert path.read_text(encoding="utf-8") == FIXED


# -- as an unprivileged user ----------------------------------------------------------------


@pytest.fixture
def desk() -> Iterator[Path]:
    """A folder that ``nobody`` owns (when the tests run as root), outside root's private temp."""
    folder = Path(tempfile.mkdtemp(prefix="cleaner-hostile-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for sub in folder.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _as_user(folder: Path) -> tuple[list[str], dict[str, str]]:
    """How to run cleaner as an unprivileged user: ``nobody`` via setpriv when we are root."""
    cache = folder / "cache"
    cache.mkdir()
    env = child_env({"CLEANER_CACHE_DIR": str(cache), "HOME": str(folder)})
    if os.geteuid() != 0:
        return [], env
    for path in (folder, cache):
        os.chown(path, NOBODY, NOBODY)
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"], env


def test_as_an_unprivileged_user_read_only_and_unreadable_inputs_are_one_line_each(desk):
    prefix, env = _as_user(desk)
    owner = NOBODY if prefix else os.geteuid()
    rules = desk / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    locked = desk / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    writable = desk / "writable.txt"
    writable.write_text(ARTICLE, encoding="utf-8")
    secret = desk / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    closed = desk / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    for path in (locked, writable):
        os.chown(path, owner, owner)
    locked.chmod(0o444)
    secret.chmod(0o000)  # no read bit: nobody (and a non-root owner) cannot read it
    closed.chmod(0o000)
    common = ["--no-builtin-rules", "--rules", str(rules), "--no-languagetool"]

    answer = run_cleaner("fix", *common, str(locked), str(writable), prefix=prefix, env=env)
    assert answer.errors == [
        f"error: {locked}: cannot write: read-only (mode 0444); use --force to rewrite it anyway; left unchanged"
    ]
    assert answer.code == 2
    assert locked.read_text(encoding="utf-8") == ARTICLE
    assert writable.read_text(encoding="utf-8") == FIXED

    answer = run_cleaner("lint", *common, str(closed), str(secret), str(writable), prefix=prefix, env=env)
    assert answer.code == 2
    assert answer.errors == [
        f"error: {closed}: cannot read folder: Permission denied",
        f"error: {secret}: cannot read: Permission denied",
    ]
    assert answer.seconds < 30
    assert f"{writable}:2:15: minor T_CONCLUDE" in answer.stdout  # linted (already fixed above)


def test_the_unprivileged_run_really_is_unprivileged(desk):
    prefix, env = _as_user(desk)
    probe = desk / "probe"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0o000)
    done = subprocess.run([*prefix, "cat", str(probe)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode != 0 and "Permission denied" in done.stderr
