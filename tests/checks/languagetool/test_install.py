import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cleaner.checks.languagetool import install as inst
from cleaner.checks.languagetool.errors import LanguageToolUnavailable, NotInstalled
from cleaner.checks.languagetool.install import Installation, find_installation, folder_installation, install, pom_text
from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings
from cleaner.errors import ExitCode

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def test_the_shipped_pom_asks_for_the_english_only_server():
    pom = ET.fromstring(pom_text())
    deps = {d.findtext("m:artifactId", namespaces=NS): d for d in pom.findall("m:dependencies/m:dependency", NS)}
    assert set(deps) == {"languagetool-server", "language-en"}
    excluded = deps["languagetool-server"].findall("m:exclusions/m:exclusion/m:artifactId", NS)
    assert [e.text for e in excluded] == ["language-all"]
    assert all(d.findtext("m:version", namespaces=NS) == "${lt.version}" for d in deps.values())
    assert pom.findtext("m:properties/m:lt.version", namespaces=NS) == "6.8"


@pytest.fixture
def empty_home(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "lt"))
    return tmp_path / "lt"


def test_nothing_installed_is_reported_with_the_fix(empty_home):
    with pytest.raises(NotInstalled) as e:
        inst.require_installation(LanguageToolSettings())
    assert "cleaner languagetool install" in str(e.value)
    assert e.value.exit_code == ExitCode.ERROR
    assert isinstance(e.value, LanguageToolUnavailable)


def test_when_nothing_works_install_fails_with_a_clear_message(empty_home, monkeypatch):
    monkeypatch.setattr(inst, "require_java", lambda: ("java", "17"))
    monkeypatch.setattr(inst.shutil, "which", lambda name: None)
    monkeypatch.setattr(inst, "_reachable", lambda url, timeout: False)
    lines = []
    with pytest.raises(NotInstalled) as e:
        install(LanguageToolSettings(), echo=lines.append)
    message = str(e.value)
    assert "Maven (mvn) is not installed" in message
    assert "cannot be reached" in message
    assert "Fix:" in message and "apt-get install" in message
    assert any("Maven is not installed" in line for line in lines)


def test_missing_java_is_reported(empty_home, monkeypatch):
    monkeypatch.setattr(inst, "java_executable", lambda: None)
    with pytest.raises(NotInstalled, match="Java is not installed"):
        install(LanguageToolSettings())


def test_falls_back_to_the_next_version_when_maven_cannot_resolve(empty_home, monkeypatch):
    tried = []

    def fake_maven(mvn, version, root, echo):
        tried.append(version)
        if version == "6.8":
            raise NotInstalled("Could not resolve dependencies")
        return Installation(version, root / version, (str(root / version / "lib" / "*"),), "maven")

    monkeypatch.setattr(inst, "require_java", lambda: ("java", "17"))
    monkeypatch.setattr(inst.shutil, "which", lambda name: "/usr/bin/mvn")
    monkeypatch.setattr(inst, "maven_install", fake_maven)
    monkeypatch.setattr(inst.Installation, "size_bytes", lambda self: 0)
    assert install(LanguageToolSettings()).version == "6.7"
    assert tried == ["6.8", "6.7"]


def test_an_interrupted_install_is_not_taken_for_an_installation(empty_home):
    (empty_home / "6.8" / "lib").mkdir(parents=True)
    (empty_home / "6.8" / "lib" / "languagetool-server-6.8.jar").write_bytes(b"")
    assert find_installation(LanguageToolSettings()) is None  # no installed.json marker


@pytest.mark.languagetool
def test_install_is_idempotent(lt_installed, capsys):
    again = install(LanguageToolSettings(), echo=print)
    assert again == lt_installed
    assert "already installed" in capsys.readouterr().out
    assert lt_installed.kind == "maven"
    assert lt_installed.version in ("6.8", "6.7")
    jars = list(Path(lt_installed.classpath[0]).parent.glob("*.jar"))
    assert any(j.name.startswith("language-en-") for j in jars)
    assert not any(j.name.startswith("language-all") for j in jars)
    assert lt_installed.stub_dir is not None
    assert {p.name for p in lt_installed.stub_dir.iterdir()} == {"en_US.dict", "en_US.info", "common_words.txt"}


@pytest.mark.languagetool
def test_a_configured_folder_is_used_as_it_is(lt_installed, tmp_path):
    folder = tmp_path / "LanguageTool-6.8"
    folder.mkdir()
    for jar in Path(lt_installed.classpath[0]).parent.glob("*.jar"):
        (folder / jar.name).symlink_to(jar)
    found = folder_installation(folder, LanguageToolSettings())
    assert (found.kind, found.version) == ("folder", "6.8")
    assert found.classpath == (str(folder / "*"),)
    assert found.stub_dir is not None and (found.stub_dir / "en_US.dict").is_file()
    assert not (folder / "en_US.dict").exists()  # we never write into the user's folder
    with pytest.raises(NotInstalled, match="no languagetool-server jar"):
        folder_installation(tmp_path, LanguageToolSettings())
