"""What fix may rewrite (mode bits decide), and carrying extended attributes over to the new file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner.files.permissions import copy_extended_attributes, extended_attributes, read_only_reason


def test_a_file_with_a_write_bit_may_be_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    path.chmod(0o644)
    assert read_only_reason(path) is None


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_file_without_any_write_bit_is_read_only_even_for_root(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    path.chmod(mode)
    assert read_only_reason(path) == f"read-only (mode {mode:04o})"


def test_a_missing_file_is_left_for_the_write_to_report(tmp_path: Path) -> None:
    assert read_only_reason(tmp_path / "gone.txt") is None


def _user_xattrs_supported(path: Path) -> bool:
    try:
        os.setxattr(path, "user.cleaner.probe", b"1")
    except OSError:
        return False
    os.removexattr(path, "user.cleaner.probe")
    return True


def test_extended_attributes_are_read_and_copied_and_unsettable_ones_are_named(tmp_path: Path) -> None:
    source, target = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("x")
    target.write_text("y")
    if not _user_xattrs_supported(source):
        # without user xattrs on this file system, reading gives nothing and every copy is reported lost
        assert extended_attributes(source) == {}
        assert copy_extended_attributes({"user.tag": b"v"}, target) == ["user.tag"]
        return
    os.setxattr(source, "user.desk", b"politics")
    attrs = extended_attributes(source)
    assert attrs["user.desk"] == b"politics"
    assert copy_extended_attributes({**attrs, "bogus-namespace.x": b"1"}, target) == ["bogus-namespace.x"]
    assert os.getxattr(target, "user.desk") == b"politics"


def test_a_missing_file_has_no_extended_attributes(tmp_path: Path) -> None:
    assert extended_attributes(tmp_path / "gone.txt") == {}
