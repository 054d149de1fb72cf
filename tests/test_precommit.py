"""The pre-commit hook, for real: pre-commit installs this checkout and runs `shapelint check`.

It installs from the package index, hence the `integration` marker
(`pytest -m integration`; deselect with `-m "not integration"`).

pre-commit try-repo on a local repository only sees committed files plus
uncommitted changes to tracked ones, and fails on a repository without
commits; so the test commits a copy of this checkout's working tree to a
throwaway repository and tries that. The checkout's own git state is never
touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
CLEAN = "import numpy as np\n\nx = np.zeros((5, 1))\n"
BUGGY = "import numpy as np\na = np.random.rand(5)\nb = np.dot(a, a.T)\n"
GIT = ["git", "-c", "user.name=shapelint tests", "-c", "user.email=tests@shapelint.invalid", "-c", "commit.gpgsign=false"]

pytestmark = pytest.mark.integration


def git(*args: str, cwd: Path) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """(hook repository, project repository, environment) shared by the tests: pre-commit installs once."""
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "shapelint"
    shutil.copytree(
        CHECKOUT,
        hooks,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", "*.egg-info", "build", "dist", ".venv", ".shapelint_cache", ".hypothesis",
            ".pytest_cache",
        ),
    )
    git("init", "-q", cwd=hooks)
    git("add", "-A", cwd=hooks)
    git("commit", "-q", "-m", "snapshot", cwd=hooks)

    project = base / "project"
    project.mkdir()
    (project / "clean.py").write_text(CLEAN)
    (project / "buggy.py").write_text(BUGGY)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: HEAD\n    hooks:\n      - id: shapelint\n"
    )
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "project", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "home"), "NO_COLOR": "1"}
    return hooks, project, env


def try_repo(workspace, *files: str) -> subprocess.CompletedProcess[str]:
    hooks, project, env = workspace
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "shapelint", "--files", *files],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_passes_on_a_clean_file(workspace):
    result = try_repo(workspace, "clean.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_fails_on_a_buggy_file_and_prints_the_finding(workspace):
    result = try_repo(workspace, "clean.py", "buggy.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "buggy.py:2:5: SL001" in result.stdout
    assert "SL004" in result.stdout
    assert "clean.py:" not in result.stdout
