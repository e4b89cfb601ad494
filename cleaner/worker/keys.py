"""Where this installation's worker listens, and the key that says whether it still matches the code.

Stdlib only, and cheap: the front door computes both before it decides
whether to import the heavy CLI.  The *place* (socket, lock and log files)
is one per installation (interpreter and package folder), so a changed
installation finds its old worker and retires it; the *key* digests what a
run's behaviour depends on (cleaner's version, every file of the package,
the built-in rule files, the interpreter), so a worker started before any of
them changed is never asked to answer.
"""

from __future__ import annotations

import hashlib
import os
import sys

import cleaner

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the front door 10 ms

if TYPE_CHECKING:
    from hashlib import _Hash

CACHE_ENV = "CLEANER_CACHE_DIR"
"""Same variable as :data:`cleaner.paths.CACHE_ENV` (that module costs 30 ms of imports; this one 0)."""
SOCKET_MAX = 104
"""Longest socket path every Unix accepts (``sun_path`` is 104 bytes on macOS, 108 on Linux)."""
_SKIP_DIRS = frozenset({"__pycache__"})


def cache_root() -> str:
    """cleaner's per-user cache folder, as :func:`cleaner.paths.cache_dir` finds it (without creating it)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return override
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return os.path.join(xdg or os.path.expanduser("~/.cache"), "cleaner")
    import platformdirs  # other systems: the library's own answer

    return platformdirs.user_cache_dir("cleaner")


def package_dir() -> str:
    """The folder of the cleaner package this process imports."""
    return os.path.dirname(os.path.abspath(cleaner.__file__))


def rules_dir(package: str | None = None) -> str | None:
    """The built-in rules folder, found as :func:`cleaner.paths.builtin_rules_dir` finds it."""
    here = package or package_dir()
    for candidate in (os.path.join(here, "rules"), os.path.join(os.path.dirname(here), "rules")):
        if os.path.isdir(candidate):
            return candidate
    return None


class Place:
    """The files of one installation's worker, in a folder only this user may enter.

    (A plain class: importing dataclasses would cost the front door 30 ms.)
    """

    __slots__ = ("folder", "name")

    def __init__(self, folder: str, name: str) -> None:
        self.folder = folder
        self.name = name

    @property
    def socket(self) -> str:
        return os.path.join(self.folder, f"{self.name}.sock")

    @property
    def lock(self) -> str:
        return os.path.join(self.folder, f"{self.name}.lock")

    @property
    def log(self) -> str:
        return os.path.join(self.folder, f"{self.name}.log")


def place(package: str | None = None) -> Place:
    """The worker files of this installation (or of the ``package`` folder run by this interpreter).

    ``<cache>/worker/<digest of interpreter and package folder>``.
    """
    where = f"{sys.executable}\0{sys.prefix}\0{package or package_dir()}".encode()
    return Place(os.path.join(cache_root(), "worker"), hashlib.sha256(where).hexdigest()[:16])


def current_key(package: str | None = None) -> str:
    """A digest of the code and rules on disk now, and of the interpreter that would run them."""
    h = hashlib.sha256()
    h.update(f"{cleaner.__version__}\0{sys.executable}\0{sys.version}\0".encode())
    package = package or package_dir()
    _digest_tree(h, package)
    rules = rules_dir(package)
    if rules is not None and not rules.startswith(package + os.sep):
        _digest_tree(h, rules)
    return h.hexdigest()


def _digest_tree(h: _Hash, top: str) -> None:
    """Every file's relative name and bytes under ``top``, in a fixed order (compiled bytecode left out)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(root, name)
            h.update(os.path.relpath(path, top).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as fh:
                    h.update(fh.read())
            except OSError:
                h.update(b"\1unreadable")
            h.update(b"\0")


def private_folder(folder: str) -> bool:
    """True when ``folder`` is a folder of this user that nobody else may enter (0700 or stricter)."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def make_private_folder(folder: str) -> None:
    """Create ``folder`` (0700) if needed; raise PermissionError when it is someone else's or open to others."""
    os.makedirs(folder, mode=0o700, exist_ok=True)
    st = os.stat(folder)
    if st.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")
    if st.st_mode & 0o077:
        os.chmod(folder, 0o700)
