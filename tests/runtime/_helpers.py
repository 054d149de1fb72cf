"""Running scripts written by the tests: with `python`, under `shapelint run`, or instrumented in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapelint.runtime.recorder import Recorder

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("NO_COLOR", None)
    env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    return env


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


def python(folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in `folder`, as the user would run it without the checker."""
    return subprocess.run([sys.executable, *args], cwd=folder, capture_output=True, text=True, input=stdin,
                          env=environment(), timeout=TIMEOUT)


def shapelint_run(folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`shapelint run ARGS` in `folder`."""
    return python(folder, "-m", "shapelint", "run", *args, stdin=stdin)


@dataclass
class JsonRun:
    process: subprocess.CompletedProcess[str]
    findings: list[dict[str, Any]]

    def codes_by_row(self) -> set[tuple[str, int]]:
        return {(f["code"], f["location"]["row"]) for f in self.findings}

    def at(self, code: str, row: int) -> dict[str, Any]:
        found = [f for f in self.findings if f["code"] == code and f["location"]["row"] == row]
        assert found, f"no {code} at row {row}: {self.codes_by_row()}\n{self.process.stderr}"
        return found[0]


def run_json(folder: Path, script: str, *args: str, stdin: str | None = None, rank1: str = "hazards") -> JsonRun:
    """`shapelint run --rank-1 RANK1 --format json --output findings.json SCRIPT ARGS`, with the findings read back."""
    output = folder / "findings.json"
    if output.exists():
        output.unlink()
    process = shapelint_run(
        folder, "--rank-1", rank1, "--format", "json", "--output", str(output), script, *args, stdin=stdin
    )
    assert output.exists(), process.stderr
    return JsonRun(process, json.loads(output.read_text()))


def instrumented_namespace(source: str, filename: str = "snippet.py") -> tuple[dict[str, Any], Recorder]:
    """Run `source` instrumented in a fresh namespace; the namespace and the recorder."""
    recorder = Recorder()
    made = recorder.instrument(source, filename, filename)
    namespace: dict[str, Any] = {"__name__": "snippet"}
    recorder.prepare(made, namespace)
    exec(made.code, namespace)
    return namespace, recorder


def plain_namespace(source: str, filename: str = "snippet.py") -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "snippet"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace
