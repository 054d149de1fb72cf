"""Bad input gets a clear message and a clean exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--no-cache", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize(
    "name,source",
    [
        ("brackets.py", "x = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("parens.py", "x = " + "(" * 300 + "1" + ")" * 300 + "\n"),
        ("unclosed.py", "import numpy as np\na = np.zeros((3, 4)\n"),
        ("indent.py", "def f():\nreturn 1\n"),
    ],
)
def test_unparsable_files_are_sl000(tmp_path: Path, name: str, source: str) -> None:
    (tmp_path / name).write_text(source)
    result = check(name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "SL000" in result.stdout
    assert "Traceback" not in result.stderr


def test_too_deep_for_pythons_parser(tmp_path: Path) -> None:
    # No numpy: only Python's parser reads it (with --no-skip, libcst's native parser crashes on it).
    (tmp_path / "deep.py").write_text("x = " + "-" * 200_000 + "1\n")
    result = check("deep.py", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "deep.py: error: too deeply nested to parse\n")


def test_long_expression_chain(tmp_path: Path) -> None:
    (tmp_path / "chain.py").write_text("import numpy as np\nx = np.zeros(3)" + " + 1" * 1500 + "\n")
    result = check("chain.py", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


def test_binary_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02binary")
    result = check("blob.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "binary" in result.stderr and "Traceback" not in result.stderr
    result = check("missing.py", cwd=tmp_path)
    assert result.returncode == 2 and "no such file" in result.stderr


def test_bad_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nselct = ["SL001"]\n')
    (tmp_path / "ok.py").write_text("x = 1\n")
    result = check("ok.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "selct" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.shapelint\n")
    result = check("ok.py", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_mixed_line_endings_are_python(tmp_path: Path) -> None:
    (tmp_path / "mixed.py").write_bytes(b"import numpy as np\r\na = np.zeros(3)\nb = a.T\r\n")
    result = check("--quiet", "mixed.py", cwd=tmp_path)
    assert "SL000" not in result.stdout
    assert "mixed.py:3:5: SL002" in result.stdout
