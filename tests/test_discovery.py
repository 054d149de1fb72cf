"""Walking PATHs into the files to check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shapelint.config import Config, PathPattern
from shapelint.discovery import DiscoveryError, iter_files


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")


def names(arg, **kwargs) -> list[str]:
    return [display for _, display in iter_files(str(arg), **kwargs)]


def test_walk_is_sorted_and_only_python(tmp_path, monkeypatch):
    touch(tmp_path, "b.py", "a.py", "notes.txt", "pkg/z.py", "pkg/a.py", "pkg/sub/m.py", "data.pyc", "stub.pyi")
    monkeypatch.chdir(tmp_path)
    assert names(".") == ["a.py", "b.py", "pkg/a.py", "pkg/z.py", "pkg/sub/m.py"]


def test_display_name_is_the_path_as_given_joined_with_the_walked_part(tmp_path, monkeypatch):
    touch(tmp_path, "src/pkg/mod.py")
    monkeypatch.chdir(tmp_path)
    assert names("src") == ["src/pkg/mod.py"]
    assert names("src/") == ["src/pkg/mod.py"]
    assert names("./src") == ["./src/pkg/mod.py"]
    assert names(tmp_path / "src") == [f"{tmp_path}/src/pkg/mod.py"]
    assert names("src/pkg/mod.py") == ["src/pkg/mod.py"]


def test_tool_and_environment_folders_are_skipped(tmp_path):
    skipped = [".git", ".hg", "__pycache__", ".venv", "venv", ".tox", ".nox", "build", "dist", "node_modules",
               "pkg.egg-info"]
    touch(tmp_path, "keep.py", *[f"{name}/x.py" for name in skipped], "myenv/pyvenv.cfg", "myenv/lib/x.py")
    assert names(tmp_path) == [f"{tmp_path}/keep.py"]


def test_an_explicit_path_is_walked_even_if_it_would_be_skipped(tmp_path):
    touch(tmp_path, "build/gen.py")
    assert names(tmp_path / "build") == [f"{tmp_path}/build/gen.py"]


def test_exclude_prunes_folders_and_files_but_not_explicit_files(tmp_path, monkeypatch):
    touch(tmp_path, "src/a.py", "src/gen_a.py", "fixtures/f.py", "src/fixtures/g.py")
    config = Config(root=tmp_path, exclude=tuple(PathPattern.compile(p) for p in ["fixtures", "src/gen_*.py"]))
    monkeypatch.chdir(tmp_path)
    assert names(".", is_excluded=config.is_excluded) == ["src/a.py"]
    assert names("src/gen_a.py", is_excluded=config.is_excluded) == ["src/gen_a.py"]


def test_suffixes_are_the_extension_point(tmp_path, monkeypatch):
    touch(tmp_path, "a.py", "b.ipynb")
    monkeypatch.chdir(tmp_path)
    assert names(".", suffixes=frozenset({".py", ".ipynb"})) == ["a.py", "b.ipynb"]


def test_symlinked_folders_are_not_followed(tmp_path, monkeypatch):
    touch(tmp_path, "real/a.py")
    os.symlink(tmp_path / "real", tmp_path / "link")
    os.symlink(tmp_path, tmp_path / "real" / "loop")
    monkeypatch.chdir(tmp_path)
    assert names(".") == ["real/a.py"]


def test_missing_path(tmp_path):
    with pytest.raises(DiscoveryError, match="nope.py: no such file or folder"):
        names(tmp_path / "nope.py")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_unlistable_folder_is_reported_and_skipped(tmp_path, monkeypatch):
    touch(tmp_path, "a.py", "locked/b.py")
    (tmp_path / "locked").chmod(0)
    monkeypatch.chdir(tmp_path)
    errors = []
    try:
        assert names(".", on_error=lambda name, message: errors.append((name, message))) == ["a.py"]
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert errors == [("locked", "cannot list the folder: Permission denied")]
