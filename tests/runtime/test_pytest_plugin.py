"""`pytest -p shapelint.pytest_plugin --shapelint` on a small project: the shapes come from its tests."""

from __future__ import annotations

import subprocess
import sys

from ._helpers import TIMEOUT, environment, write


def _project(folder) -> None:
    write(folder, "mylib/__init__.py", "")
    write(folder, "mylib/stats.py", """\
        import numpy as np

        def normalize(X):
            return X / X.sum(axis=1)

        def center(X):
            return X - X.mean(axis=0)

        def add_bias(Z, b):
            return Z + b
    """)
    write(folder, "tests/test_stats.py", """\
        import numpy as np
        from mylib.stats import add_bias, center, normalize

        def test_normalize():
            assert normalize(np.ones((4, 4))).shape == (4, 4)

        def test_center():
            v = np.ones(3)
            assert center(np.ones((3, 2))).shape == (3, 2)

        def test_bias():
            add_bias(np.ones((3, 5)), np.zeros(3))
    """)


def _pytest(folder, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, "tests"],
        cwd=folder, capture_output=True, text=True, env=environment(), timeout=TIMEOUT,
    )


def test_the_plugin_reports_what_the_tests_ran_into(tmp_path) -> None:
    _project(tmp_path)
    done = _pytest(tmp_path, "-p", "shapelint.pytest_plugin", "--shapelint")
    assert "1 failed, 2 passed" in done.stdout
    assert done.returncode == 1  # pytest's own status: one test failed
    summary = done.stdout[done.stdout.index("shapelint runtime findings"):done.stdout.index("short test summary")]
    assert "mylib/stats.py:4:12: SL007" in summary and "keepdims=True" in summary
    assert "mylib/stats.py:10:12: SL005 `Z + b` cannot broadcast (3, 5) and (3,)" in summary
    assert "`b` is (3,)" in summary
    # The test files belong to pytest's assertion rewriting: not instrumented, so no SL001 for `v`.
    assert "test_stats.py" not in summary and "Found 2 problems" in summary
    # Assertion rewriting still works, and the wrapper frames stay out of pytest's tracebacks.
    assert "__shapelint__" not in done.stdout


def test_without_the_option_the_plugin_does_nothing(tmp_path) -> None:
    _project(tmp_path)
    done = _pytest(tmp_path, "-p", "shapelint.pytest_plugin")
    assert "1 failed, 2 passed" in done.stdout
    assert "shapelint" not in done.stdout


def test_findings_can_go_to_a_file(tmp_path) -> None:
    _project(tmp_path)
    done = _pytest(tmp_path, "-p", "shapelint.pytest_plugin", "--shapelint", "--shapelint-format", "json",
                   "--shapelint-output", "shapes.json")
    assert "written to shapes.json" in done.stdout
    import json

    codes = {f["code"] for f in json.loads((tmp_path / "shapes.json").read_text())}
    assert codes == {"SL005", "SL007"}
