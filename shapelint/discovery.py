"""Turn the PATHs of the command line into the files to check.

Folders are walked in sorted order (the output must not depend on the file
system's order) for files whose suffix is in `suffixes`: `.py` files and
`.ipynb` notebooks. Folders that never hold the user's own code are skipped
(version control, caches, virtual environments, build output, and Jupyter's
`.ipynb_checkpoints`, whose copies of each notebook would repeat its
findings), and so is whatever the configuration's `exclude` matches. A path
given explicitly is always checked, as ruff does without `--force-exclude`:
naming a file is a clear enough request.

The display name of a file is the PATH as the user gave it joined with the
walked part (`src` -> `src/pkg/mod.py`), except that `.` adds nothing
(`pkg/mod.py`, not `./pkg/mod.py`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable, Iterator

SUFFIXES = frozenset({".py", ".ipynb"})
SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn", "__pycache__", ".venv", "venv", ".tox", ".nox", "build", "dist", "node_modules",
        ".ipynb_checkpoints",
    }
)


class DiscoveryError(Exception):
    """A PATH that does not exist."""


def _skipped_folder(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    # Any virtual environment, whatever its name, has a pyvenv.cfg at its top.
    return name in SKIPPED_FOLDERS or name.endswith(".egg-info") or os.path.isfile(os.path.join(entry.path, "pyvenv.cfg"))


def _is_file(entry: os.DirEntry[str], display: str, on_error: Callable[[str, str], None] | None) -> bool:
    """Whether the entry is a file (through symlinks); a symlink that loops is reported, not followed."""
    try:
        return entry.is_file()
    except OSError as exc:
        if on_error is not None:
            on_error(display, f"cannot follow the symbolic link: {exc.strerror or exc}")
        return False


def _display(arg: str, relative: str) -> str:
    return relative if arg in (".", "./") else os.path.join(arg, relative)


def iter_files(
    arg: str,
    *,
    is_excluded: Callable[[Path], bool] = lambda path: False,
    suffixes: frozenset[str] = SUFFIXES,
    on_error: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Path, str]]:
    """(path, display name) of each file to check under the PATH `arg`.

    `on_error(display, message)` hears of a folder that cannot be listed; the
    walk goes on without it.
    """
    top = Path(arg)
    try:
        top.stat()
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise DiscoveryError(f"{arg}: {exc.strerror}") from None
        if top.is_symlink():
            raise DiscoveryError(f"{arg}: a symbolic link that loops or points to nothing") from None
        raise DiscoveryError(f"{arg}: no such file or folder") from None
    if not top.is_dir():
        yield top, arg
        return
    stack: list[tuple[str, str]] = [(arg, "")]
    while stack:
        folder, relative = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if on_error is not None:
                on_error(_display(arg, relative) if relative else arg, f"cannot list the folder: {exc.strerror or exc}")
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            child = f"{relative}/{entry.name}" if relative else entry.name
            # Symlinked folders are not followed: they can loop, and they usually point outside the project.
            if entry.is_dir(follow_symlinks=False):
                if not _skipped_folder(entry) and not is_excluded(Path(entry.path)):
                    subfolders.append((entry.path, child))
            elif os.path.splitext(entry.name)[1] in suffixes and _is_file(entry, _display(arg, child), on_error):
                if not is_excluded(Path(entry.path)):
                    yield Path(entry.path), _display(arg, child)
        # Depth first in name order: pushed reversed so the first name is walked first.
        stack.extend(reversed(subfolders))
