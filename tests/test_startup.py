"""`shapelint check` imports only what the files it checks need: a real process, its `sys.modules` after a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint.rules import ALWAYS_ON, CODES, RULES

# Runs the console script's `main` in a fresh interpreter, then writes the loaded modules' names.
SCRIPT = """
import json, sys
from shapelint.cli import main
try:
    main(sys.argv[2:], prog_name="shapelint")
except SystemExit:
    pass
with open(sys.argv[1], "w") as out:
    json.dump(sorted(sys.modules), out)
"""
# Never needed by `check`: numpy itself, the runtime checker, the language server, other formats.
NEVER = ("numpy", "shapelint.runtime", "shapelint.server", "pygls", "shapelint.output.json_format",
         "shapelint.output.sarif", "shapelint.output.github")


def modules_after(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(listing), "check", "--no-cache", *args],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(listing.read_text()))


def loaded(modules: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


@pytest.mark.parametrize("text", ["import os\n\n\ndef f(x):\n    return x + 1\n", "def f(:\n"])
def test_a_file_without_numpy_needs_no_libcst(tmp_path, text):
    (tmp_path / "plain.py").write_text(text)
    modules = modules_after(tmp_path, "plain.py")
    assert not [name for name in NEVER + ("libcst", "shapelint.api", "shapelint.engine") if loaded(modules, name)]
    assert "shapelint.output.text" in modules


def test_a_numpy_file_is_analyzed_without_importing_numpy(tmp_path):
    (tmp_path / "shapes.py").write_text("import numpy as np\n\na = np.zeros((3, 4), dtype=np.float32)\nb = a.T\n")
    modules = modules_after(tmp_path, "--format", "json", "shapes.py")
    assert not [name for name in NEVER if name != "shapelint.output.json_format" and loaded(modules, name)]
    assert {"libcst", "shapelint.engine.walker", "shapelint.output.json_format"} <= modules


def test_the_codes_are_the_rules_codes():
    assert CODES == tuple(rule.code for rule in RULES)
    assert ALWAYS_ON == tuple(rule.code for rule in RULES if rule.always_on)
