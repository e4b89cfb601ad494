"""Installing LanguageTool: English-only jars from Maven Central, or a folder we are given.

``cleaner languagetool install`` resolves the pom shipped in this package with
Maven into ``<install root>/<version>/lib`` (root: ``$CLEANER_LT_HOME``, the
``home`` setting, or the cache folder).  Where Maven is missing it falls back
to language_tool_python's own download of the full release, when reachable;
a configured ``folder`` (an unpacked release) is used as it is.  Installing
is idempotent and guarded by a lock, so concurrent installs do not collide.

Placeholder languages (why ``stub-languages/`` exists): LanguageTool 6.8's
server builds a ``LanguageIdentifier`` at start-up whose ``CommonWordsDetector``
looks up Spanish, Catalan and Portuguese by code and fails when only English
is on the class path.  The server can register *dynamic* (spell-check-only)
languages from its config file, so we register es/ca/pt pointing at a copy of
the English hunspell dictionary plus an empty ``common_words.txt``.  Requests
always name ``en-US``, so the placeholders never check anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from cleaner.checks.languagetool.errors import NotInstalled
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.files import write_atomic

Echo = Callable[[str], None]

MARKER = "installed.json"
STUB_LANGUAGES = (("es", "Spanish"), ("ca", "Catalan"), ("pt", "Portuguese"))
_DICT_ENTRY = "org/languagetool/resource/en/hunspell/en_US"
MIN_JAVA = 17
MAVEN_TIMEOUT = 1800


@dataclass(frozen=True)
class Installation:
    """A LanguageTool we can run: its version, class path and placeholder-language folder."""

    version: str
    root: Path
    classpath: tuple[str, ...]
    kind: str
    """``maven``, ``download`` (language_tool_python's release zip) or ``folder`` (configured)."""
    stub_dir: Path | None = None
    custom_rules: str = ""
    """Digest of cleaner's XML rules on the class path ("" for stock LanguageTool; see custom_rules.py)."""

    def size_bytes(self) -> int:
        """Bytes on disk of the installed files."""
        return folder_size(self.root)


def _quiet(_: str) -> None:
    return None


def folder_size(path: Path) -> int:
    """Total size of the regular files under ``path``."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(dirpath) / name).lstat().st_size
    return total


def human_size(n: float) -> str:
    """``77.3 MB``-style sizes for messages."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.1f} GB"


# -- Java ------------------------------------------------------------------------


def java_executable() -> str | None:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def java_version(java: str) -> tuple[int, str]:
    """The major version and the version text that ``java -version`` reports."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    text = out.stderr + out.stdout
    m = re.search(r'version "(\d+)(?:\.(\d+))?[^"]*"', text)
    if not m:
        return 0, text.strip().splitlines()[0] if text.strip() else "unknown"
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0" means Java 8
        major = int(m.group(2))
    return major, m.group(0).split('"')[1]


def require_java() -> tuple[str, str]:
    """The java executable and its version, or NotInstalled when Java 17+ is missing."""
    java = java_executable()
    if java is None:
        raise NotInstalled("Java is not installed (LanguageTool 6 needs Java 17 or newer)")
    major, text = java_version(java)
    if major < MIN_JAVA:
        raise NotInstalled(f"Java {text} at {java} is too old (LanguageTool 6 needs Java 17 or newer)")
    return java, text


# -- finding what is installed ------------------------------------------------------


def versions_to_try(settings: LanguageToolSettings) -> tuple[str, ...]:
    """The configured version first, then the fallbacks, without repeats."""
    return tuple(dict.fromkeys((settings.version, *settings.fallback_versions)))


def find_installation(settings: LanguageToolSettings) -> Installation | None:
    """The installation to run, without installing anything (None when there is none)."""
    if settings.folder is not None:
        return folder_installation(settings.folder, settings)
    root = settings.install_root()
    for version in versions_to_try(settings):
        found = _read_marker(root / version)
        if found is not None:
            return found
    return None


def require_installation(settings: LanguageToolSettings) -> Installation:
    """The installation to run, or NotInstalled saying how to get one."""
    found = find_installation(settings)
    if found is None:
        raise NotInstalled(f"LanguageTool {settings.version} is not installed in {settings.install_root()}")
    return found


def _read_marker(folder: Path) -> Installation | None:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("kind") == "download":
        target = Path(data["folder"])
        if not (target / "languagetool-server.jar").is_file():
            return None
        return Installation(str(data["version"]), target, (str(target / "languagetool-server.jar"),), "download")
    lib = folder / "lib"
    if not any(lib.glob("languagetool-server-*.jar")):
        return None
    stub = folder / "stub-languages"
    return Installation(
        version=str(data["version"]),
        root=folder,
        classpath=(str(lib / "*"),),
        kind="maven",
        stub_dir=stub if (stub / "en_US.dict").is_file() else None,
    )


def folder_installation(folder: Path, settings: LanguageToolSettings) -> Installation:
    """Use a configured LanguageTool folder as it is (placeholders go to our own folder, not into it)."""
    folder = folder.expanduser().resolve()
    if (folder / "languagetool-server.jar").is_file():
        classpath: tuple[str, ...] = (str(folder / "languagetool-server.jar"),)
        jar_dirs = [folder, folder / "libs"]
    elif any(folder.glob("languagetool-server-*.jar")):
        classpath, jar_dirs = (str(folder / "*"),), [folder]
    elif any((folder / "lib").glob("languagetool-server-*.jar")):
        classpath, jar_dirs = (str(folder / "lib" / "*"),), [folder / "lib"]
    else:
        raise NotInstalled(f"the configured LanguageTool folder {folder} has no languagetool-server jar")
    version = _version_of(folder, jar_dirs)
    stub_dir: Path | None = None
    if _needs_placeholders(folder, jar_dirs):
        digest = hashlib.sha256(str(folder).encode()).hexdigest()[:12]
        stub_dir = settings.install_root() / "folder-stubs" / digest
        if not (stub_dir / "en_US.dict").is_file():
            make_placeholder_languages(_jars(jar_dirs), stub_dir, folder)
    return Installation(version, folder, classpath, "folder", stub_dir)


def _jars(dirs: Iterable[Path]) -> list[Path]:
    return [jar for d in dirs if d.is_dir() for jar in sorted(d.glob("*.jar"))]


def _version_of(folder: Path, jar_dirs: Iterable[Path]) -> str:
    m = re.search(r"LanguageTool-(\d+\.\d+(?:\.\d+)?)", folder.name)
    if m:
        return m.group(1)
    for jar in _jars(jar_dirs):
        m = re.match(r"languagetool-(?:server|core)-(\d+\.\d+(?:\.\d+)?)\.jar$", jar.name)
        if m:
            return m.group(1)
    return "unknown"


def _needs_placeholders(folder: Path, jar_dirs: Iterable[Path]) -> bool:
    """True when Spanish is not on the class path (an English-only install)."""
    names = [jar.name for jar in _jars(jar_dirs)]
    if any(n.startswith(("language-es", "language-all", "language-modules")) for n in names):
        return False
    return not (folder / "org" / "languagetool" / "resource" / "es").is_dir()


def make_placeholder_languages(jars: Iterable[Path], stub_dir: Path, folder: Path | None = None) -> Path:
    """Write ``en_US.dict``/``.info`` and an empty ``common_words.txt`` for the es/ca/pt placeholders."""
    stub_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{_DICT_ENTRY}.dict": "en_US.dict", f"{_DICT_ENTRY}.info": "en_US.info"}
    found: dict[str, bytes] = {}
    if folder is not None:
        for entry, name in wanted.items():
            path = folder / entry
            if path.is_file():
                found[name] = path.read_bytes()
    for jar in jars:
        if len(found) == len(wanted):
            break
        with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(jar) as zf:
            names = set(zf.namelist())
            for entry, name in wanted.items():
                if entry in names and name not in found:
                    found[name] = zf.read(entry)
    if len(found) != len(wanted):
        raise NotInstalled("the English hunspell dictionary (english-pos-dict) is missing from the installation")
    for name, data in found.items():
        write_atomic(stub_dir / name, data, durable=False)
    (stub_dir / "common_words.txt").touch()
    return stub_dir


# -- installing ----------------------------------------------------------------------


def install(settings: LanguageToolSettings, echo: Echo = _quiet) -> Installation:
    """Install LanguageTool if needed and return it; NotInstalled with the fix when nothing works."""
    java, text = require_java()
    echo(f"Java {text} ({java})")
    if settings.folder is not None:
        found = folder_installation(settings.folder, settings)
        size = human_size(found.size_bytes())
        echo(f"Using the configured LanguageTool {found.version} folder {found.root} ({size})")
        return found
    existing = find_installation(settings)
    if existing is not None:
        echo(
            f"LanguageTool {existing.version} is already installed in {existing.root} "
            f"({human_size(existing.size_bytes())})"
        )
        return existing
    root = settings.install_root()
    root.mkdir(parents=True, exist_ok=True)
    echo(f"Installing into {root}")
    try:
        with FileLock(str(root / ".install.lock"), timeout=MAVEN_TIMEOUT):
            existing = find_installation(settings)  # another process may have finished meanwhile
            if existing is not None:
                echo(f"LanguageTool {existing.version} was installed meanwhile in {existing.root}")
                return existing
            return _install_locked(settings, root, echo)
    except Timeout as e:
        raise NotInstalled(f"another install holds {root / '.install.lock'}") from e


def _install_locked(settings: LanguageToolSettings, root: Path, echo: Echo) -> Installation:
    problems: list[str] = []
    mvn = shutil.which("mvn")
    if mvn is None:
        problems.append("Maven (mvn) is not installed")
        echo("Maven is not installed; trying language_tool_python's download instead")
    else:
        for version in versions_to_try(settings):
            try:
                found = maven_install(mvn, version, root, echo)
            except NotInstalled as e:
                problems.append(str(e))
                echo(f"LanguageTool {version} did not resolve with Maven")
                continue
            echo(f"Installed LanguageTool {found.version} in {found.root} ({human_size(found.size_bytes())})")
            return found
    for version in versions_to_try(settings):
        try:
            found = download_install(version, root, echo)
        except NotInstalled as e:
            problems.append(str(e))
            continue
        echo(f"Using LanguageTool {found.version} in {found.root} ({human_size(found.size_bytes())})")
        return found
    raise NotInstalled("; ".join(problems))


def pom_text() -> str:
    """The pom shipped inside the package."""
    return importlib.resources.files("cleaner.checks.languagetool").joinpath("pom.xml").read_text(encoding="utf-8")


def copy_dependencies_command(mvn: str, pom: Path, out: Path, *extra: str) -> list[str]:
    """Maven, in batch mode, copying the jars ``pom`` depends on into ``out``."""
    return [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={out}", *extra]


def maven_install(mvn: str, version: str, root: Path, echo: Echo = _quiet) -> Installation:
    """Resolve ``version`` with Maven into ``root/version`` (built aside, then renamed into place)."""
    dest = root / version
    work = Path(tempfile.mkdtemp(dir=root, prefix=f".{version}-"))
    try:
        (work / "pom.xml").write_text(pom_text(), encoding="utf-8")
        echo(
            f"Resolving org.languagetool:languagetool-server:{version} (without language-all) "
            f"and org.languagetool:language-en:{version} with Maven..."
        )
        cmd = copy_dependencies_command(
            mvn, work / "pom.xml", work / "lib", f"-Dlt.version={version}", "-DincludeScope=runtime"
        )
        started = time.monotonic()
        with (work / "maven.log").open("w", encoding="utf-8") as log:
            try:
                proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, timeout=MAVEN_TIMEOUT, check=False)
            except subprocess.TimeoutExpired as e:
                raise NotInstalled(f"Maven did not finish within {MAVEN_TIMEOUT} s") from e
        if proc.returncode != 0:
            raise NotInstalled(f"Maven could not resolve LanguageTool {version}: {_maven_problem(work / 'maven.log')}")
        jars = sorted((work / "lib").glob("*.jar"))
        echo(f"Copied {len(jars)} jars in {time.monotonic() - started:.0f} s")
        make_placeholder_languages(jars, work / "stub-languages")
        marker = {"version": version, "kind": "maven", "jars": len(jars), "installed": time.time()}
        (work / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
        if dest.exists():  # an unfinished earlier attempt (no marker): replace it
            shutil.rmtree(dest)
        work.replace(dest)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    found = _read_marker(dest)
    if found is None:
        raise NotInstalled(f"the installation in {dest} is incomplete")
    return found


def _maven_problem(log: Path) -> str:
    """The line of Maven's log that names the problem, with the pin-it hint for missing artifacts."""
    text = log.read_text(encoding="utf-8", errors="replace")
    errors = [line.strip() for line in text.splitlines() if "ERROR" in line or "Could not" in line]
    first = errors[0] if errors else (text.strip().splitlines() or ["no output"])[-1]
    hint = ""
    if "Could not find artifact" in text or "Could not resolve dependencies" in text:
        hint = (
            " (a transitive dependency the registry does not serve can be pinned to a served version in the "
            "<dependencyManagement> of cleaner/checks/languagetool/pom.xml)"
        )
    return first[:400] + hint + f"; full log: {log}"


def download_install(version: str, root: Path, echo: Echo = _quiet, timeout: float = 10.0) -> Installation:
    """Fall back to language_tool_python's release download, when its host can be reached."""
    from language_tool_python.download_lt import LocalLanguageTool

    try:
        local = LocalLanguageTool.from_version_name(version)
        url = local.download_url
    except Exception as e:  # the library rejects unknown version names with several error types
        raise NotInstalled(f"language_tool_python cannot download LanguageTool {version}: {e}") from e
    if not _reachable(url, timeout):
        raise NotInstalled(f"{url} cannot be reached")
    echo(f"Downloading LanguageTool {version} with language_tool_python from {url}...")
    try:
        local.download()
        folder = local.get_directory_path()
    except Exception as e:  # network, checksum and Java errors of the library
        raise NotInstalled(f"language_tool_python's download of LanguageTool {version} failed: {e}") from e
    dest = root / version
    dest.mkdir(parents=True, exist_ok=True)
    marker = {"version": version, "kind": "download", "folder": str(folder), "installed": time.time()}
    write_atomic(dest / MARKER, json.dumps(marker, indent=1).encode())
    found = _read_marker(dest)
    if found is None:
        raise NotInstalled(f"the downloaded LanguageTool in {folder} has no languagetool-server.jar")
    return found


def _reachable(url: str, timeout: float) -> bool:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status) < 400
    except (urllib.error.URLError, OSError, ValueError):
        return False
