"""The engine analyzes real code to the end: the standard library and numpy's own sources.

Every file that parses must be analyzed and linted without an exception.
The standard library's own test suite (`Lib/test`) is left out to keep the
run short; it adds size, not kinds of code.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import numpy
import pytest

from shapelint.api import SourceError, lint_source


def sources(root: Path, skip: tuple[str, ...]) -> list[Path]:
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        out.extend(Path(folder) / f for f in sorted(files) if f.endswith(".py"))
    return out


def lint_all(paths: list[Path]) -> tuple[int, list[str]]:
    analyzed, crashes = 0, []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        try:
            lint_source(text, str(path))
        except SourceError:
            continue
        except Exception as exc:  # the point of the test
            crashes.append(f"{path}: {type(exc).__name__}: {exc}")
        analyzed += 1
    return analyzed, crashes


@pytest.mark.slow
def test_standard_library() -> None:
    root = Path(sysconfig.get_paths()["stdlib"])
    paths = sources(root, ("site-packages", "dist-packages", "test", "idlelib", "lib2to3", "__pycache__"))
    analyzed, crashes = lint_all(paths)
    assert analyzed > 500
    assert not crashes, "\n".join(crashes[:20])


@pytest.mark.slow
def test_numpy_sources() -> None:
    paths = sources(Path(numpy.__file__).parent, ("__pycache__",))
    analyzed, crashes = lint_all(paths)
    assert analyzed > 200
    assert not crashes, "\n".join(crashes[:20])
