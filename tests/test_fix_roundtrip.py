"""`--fix --unsafe-fixes` on files with SL001/SL002/SL007 findings.

The fixed files parse, still run, no longer carry the fixed findings, and a
second run changes nothing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shapelint.api import lint_source

PROGRAMS = {
    "rank1.py": """
        import numpy as np
        a = np.random.rand(5)
        b = a.T
        c = np.dot(a, a.T)
        print(c.shape)
    """,
    "normalize.py": """
        import numpy as np
        A = np.random.rand(4, 4)
        P = A / A.sum(axis=1)
        s = A.max(axis=1)
        Q = A - s
        print(P.shape, Q.shape)
    """,
    "transpose.py": """
        import numpy as np
        def make(n):
            return np.zeros(n)
        v = make(3)
        row = v.T
        M = np.ones((2, 3))
        out = M @ v
        print(row.shape, out.shape)
    """,
    "mixed.py": """
        import numpy as np
        w = np.zeros(4)
        X = np.random.randn(4, 4)
        z = np.dot(w.T, X)
        m = np.mean(X, axis=1)
        centered = X - m
        total = np.dot(w, w)
        print(z.shape, centered.shape, total)
    """,
}
FIXED_CODES = {"SL001", "SL002", "SL007"}


def _run(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=path.parent)


def _fix(path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "shapelint", "check", "--fix", "--unsafe-fixes", "--no-cache", str(path)]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_fix_keeps_the_program_running(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(textwrap.dedent(PROGRAMS[name]).lstrip())
    assert _run(path).returncode == 0
    before = [f for f in lint_source(path.read_text(), name) if f.code in FIXED_CODES]
    assert before, "the program should have findings to fix"

    _fix(path)
    fixed = path.read_text()
    compile(fixed, name, "exec")
    assert _run(path).returncode == 0, _run(path).stderr
    after = {(f.code, f.start.row) for f in lint_source(fixed, name)}
    fixed_spans = {(f.code, f.start.row) for f in before if f.fix is not None}
    # A fix either took effect or was held back because it would have broken a later line.
    remaining = after & fixed_spans
    held_back = {(f.code, f.start.row) for f in lint_source(fixed, name) if f.fix is not None}
    assert remaining <= held_back

    _fix(path)
    assert path.read_text() == fixed
