"""The GitHub Action (``action.yml``) and the workflow in docs/integration.md, run as written.

GitHub itself is not here, so this test plays the runner: it reads the
workflow from the docs, checks it against the action's inputs, and runs the
action's steps in order with bash, the way a composite action runs them
(``bash --noprofile --norc -eo pipefail``), with ``${{ … }}`` expressions
filled in.  ``uses:`` steps are checked instead of run: Python and Java must
be what setup-python/setup-java would provide, and the upload must find a SARIF
log valid against the official 2.1.0 schema.  The install step really installs
cleaner from this checkout into a fresh virtualenv, and LanguageTool is required.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.report.test_sarif import validate

pytestmark = [pytest.mark.slow, pytest.mark.languagetool, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def documented_workflow() -> dict[str, Any]:
    """The first workflow in docs/integration.md that uses this action."""
    docs = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", docs, flags=re.S):
        data = yaml.safe_load(block)
        if isinstance(data, dict) and "jobs" in data and "/cleaner@" in block:
            return data
    raise AssertionError("docs/integration.md has no workflow using the action")


def action_step(workflow: dict[str, Any]) -> dict[str, Any]:
    (job,) = workflow["jobs"].values()
    return next(s for s in job["steps"] if "/cleaner@" in s.get("uses", ""))


class Runner:
    """Just enough of the Actions runner for a composite action: inputs, step outputs, ``if:``."""

    def __init__(self, inputs: dict[str, str], workspace: Path, env: dict[str, str]) -> None:
        self.inputs = inputs
        self.workspace = workspace
        self.env = env
        self.outputs: dict[str, dict[str, str]] = {}

    def value(self, expr: str) -> str:
        if expr.startswith("inputs."):
            return self.inputs[expr.removeprefix("inputs.")]
        if expr == "github.action_path":
            return str(ROOT)
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return self.outputs.get(m[1], {}).get(m[2], "")
        raise AssertionError(f"expression this runner does not know: {expr}")

    def fill(self, text: str) -> str:
        return _EXPR.sub(lambda m: self.value(m[1]), text)

    def condition(self, expr: str | None) -> bool:
        if expr is None:
            return True
        results = []
        for part in expr.split("&&"):
            left, op, right = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", part).groups()  # type: ignore[union-attr]
            results.append((self.value(left) == right) == (op == "=="))
        return all(results)

    def run(self, step: dict[str, Any]) -> subprocess.CompletedProcess[str]:
        output = self.workspace / f".output-{len(self.outputs)}"
        output.write_text("")
        env = {**self.env, "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(self.workspace)}
        env.update({k: self.fill(str(v)) for k, v in step.get("env", {}).items()})
        script = self.workspace / ".step.sh"
        script.write_text(self.fill(step["run"]))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if "id" in step:
            lines = [line.split("=", 1) for line in output.read_text().splitlines() if "=" in line]
            self.outputs[step["id"]] = dict(lines)
        return done


def test_documented_workflow_uses_only_real_inputs() -> None:
    workflow = documented_workflow()
    assert workflow["permissions"]["security-events"] == "write"
    step = action_step(workflow)
    assert set(step["with"]) <= set(ACTION["inputs"])
    assert step["with"]["languagetool"] in ("required", "off")
    assert ACTION["runs"]["using"] == "composite"


def test_action_runs_as_written(tmp_path: Path) -> None:
    java = shutil.which("java")
    assert java, "the action's setup-java step provides Java 17; this machine must have it too"
    assert "17" in subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    assert sys.version_info[:2] == (3, 11)

    workspace = tmp_path / "repo"
    (workspace / "articles").mkdir(parents=True)
    (workspace / "articles" / "trade.md").write_text(
        "# Talks\n\nChina and the United States accepted more pricing talks, said the Chinese chief Xi.\n",
        encoding="utf-8",
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"

    workflow_step = action_step(documented_workflow())
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs.update({k: str(v) for k, v in workflow_step["with"].items()})
    runner = Runner(inputs, workspace, env)
    uploaded: list[Path] = []
    for step in ACTION["runs"]["steps"]:
        if not runner.condition(step.get("if")):
            continue
        uses = step.get("uses", "")
        if uses.startswith("actions/setup-python"):
            assert step["with"]["python-version"] == "3.11"
        elif uses.startswith("actions/setup-java"):
            assert step["with"]["java-version"] == "17"
        elif uses.startswith("github/codeql-action/upload-sarif"):
            uploaded.append(workspace / runner.fill(step["with"]["sarif_file"]))
        else:
            assert step["shell"] == "bash"
            done = runner.run(step)
            assert done.returncode == 0, f"{step.get('name')}: {done.stderr[-2000:]}"

    assert shutil.which("cleaner", path=env["PATH"]) == str(venv / "bin" / "cleaner")
    assert runner.outputs["lint"]["exit-code"] == "1"
    (log_path,) = uploaded
    log = json.loads(log_path.read_text(encoding="utf-8"))
    validate(log)
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "TRADE_PRICING_TALKS" in rules
    assert {r["properties"]["engine"] for r in log["runs"][0]["results"]} >= {"rules"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"articles/trade.md"}
