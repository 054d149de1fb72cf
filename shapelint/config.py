"""The `[tool.shapelint]` configuration: finding it, reading it, matching its globs.

The configuration of a linted path is the nearest `pyproject.toml` above it
that has a `[tool.shapelint]` table (as ruff skips a pyproject.toml without
`[tool.ruff]`), or the file given with `--config`. A `--config` file named
`pyproject.toml` is read at `[tool.shapelint]`; any other name (say
`shapelint.toml`) holds the keys at its top level, as `ruff.toml` does.

Keys: `select`, `ignore` (codes or prefixes), `exclude` (globs),
`per-file-ignores` (glob -> codes), and `rank-1` (`"hazards"`, the default:
SL001 only where the rank-1 array causes another finding; `"all"`: every
rank-1 origin). Globs are relative to the folder of the
configuration (the project root) and are also matched against a file's or
folder's own name, as ruff matches them: `exclude = ["fixtures"]` skips every
folder named `fixtures`. In a glob `*` stays within one folder, `**` spans
folders.

Not handled: a nested `pyproject.toml` inside a walked folder does not
override the one found for the PATH given on the command line (ruff's
hierarchical configuration); each PATH argument gets one configuration.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .globs import Glob
from .selection import parse_codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

KEYS = ("exclude", "ignore", "per-file-ignores", "rank-1", "select")
RANK1_MODES = ("hazards", "all")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PathPattern:
    """One glob of `exclude` or `per-file-ignores`."""

    pattern: str
    glob: Glob

    @classmethod
    def compile(cls, pattern: str) -> "PathPattern":
        # `./build/` and `build` mean the same folder.
        cleaned = pattern.strip()
        while cleaned.startswith("./"):
            cleaned = cleaned[2:]
        cleaned = cleaned.rstrip("/") or cleaned
        return cls(pattern, Glob(cleaned))

    def matches(self, relative: str | None, name: str, absolute: str) -> bool:
        if os.path.isabs(self.pattern):
            return self.glob.match(absolute)
        return self.glob.match(name) or (relative is not None and self.glob.match(relative))


@dataclass(frozen=True)
class Config:
    """One project's configuration; `root` is the folder globs are relative to."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    exclude: tuple[PathPattern, ...] = ()
    per_file_ignores: tuple[tuple[PathPattern, tuple[str, ...]], ...] = ()
    # SL001: report every rank-1 origin ("all") or only those that cause another finding.
    rank1: str | None = None

    def _where(self, path: Path) -> tuple[str | None, str, str]:
        absolute = Path(os.path.abspath(path))
        try:
            relative: str | None = absolute.relative_to(self.root).as_posix()
        except ValueError:
            relative = None
        return relative, absolute.name, absolute.as_posix()

    def is_excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        where = self._where(path)
        return any(p.matches(*where) for p in self.exclude)

    def ignores_for(self, path: Path) -> tuple[str, ...]:
        """The codes that per-file-ignores turns off for `path`."""
        if not self.per_file_ignores:
            return ()
        where = self._where(path)
        return tuple(code for pattern, codes in self.per_file_ignores if pattern.matches(*where) for code in codes)


def _string_list(value: Any, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings, got {value!r}")
    return value


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    try:
        return parse_codes(_string_list(value, key, where), where=f"{where} `{key}`")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def parse_table(table: dict[str, Any], *, root: Path, source: Path | None, where: str) -> Config:
    """A Config from the `[tool.shapelint]` table; `where` names it in error messages."""
    for key in table:
        if key not in KEYS:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            suggestion = f"did you mean `{hint[0]}`? " if hint else ""
            raise ConfigError(f"{where}: unknown key `{key}` ({suggestion}known keys: {', '.join(KEYS)})")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: `per-file-ignores` must be a table of glob = [codes], got {per_file!r}")
    rank1 = table.get("rank-1")
    if rank1 is not None and rank1 not in RANK1_MODES:
        raise ConfigError(f"{where}: `rank-1` must be one of {', '.join(repr(m) for m in RANK1_MODES)}, got {rank1!r}")
    return Config(
        root=root,
        source=source,
        rank1=rank1,
        select=_codes(table["select"], "select", where) if "select" in table else None,
        ignore=_codes(table.get("ignore", []), "ignore", where),
        exclude=tuple(PathPattern.compile(p) for p in _string_list(table.get("exclude", []), "exclude", where)),
        per_file_ignores=tuple(
            (PathPattern.compile(glob), _codes(codes, f"per-file-ignores.{glob!r}", where))
            for glob, codes in per_file.items()
        ),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 (byte {exc.object[exc.start]:#04x} at offset {exc.start})") from None
    except (RecursionError, MemoryError):
        raise ConfigError(f"{path}: invalid TOML: too deeply nested to read") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None


def _tool_table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    table = data.get("tool", {}).get("shapelint") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: `tool.shapelint` must be a table")
    return table


def _is_file(path: Path) -> bool:
    # pathlib raises, rather than answering False, for a name too long for the system.
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def load_config(path: Path) -> Config:
    """The configuration in the file given with `--config`."""
    path = Path(os.path.abspath(path))
    if not _is_file(path):
        raise ConfigError(f"{path}: configuration file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = _tool_table(data, path) or {}
        where = f"{path} [tool.shapelint]"
    else:
        table, where = data, str(path)
    return parse_table(table, root=path.parent, source=path, where=where)


class ConfigResolver:
    """Finds the configuration of each linted path, reading each pyproject.toml once."""

    def __init__(self, explicit: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> None:
        self._cwd = Path(os.path.abspath(cwd or os.getcwd()))
        self._explicit = load_config(Path(explicit)) if explicit is not None else None
        self._by_folder: dict[Path, Config | None] = {}

    def for_path(self, path: str | os.PathLike[str]) -> Config:
        if self._explicit is not None:
            return self._explicit
        start = Path(os.path.abspath(path))
        folder = start if _is_dir(start) else start.parent
        return self._in_folder(folder) or Config(root=self._cwd)

    def _in_folder(self, folder: Path) -> Config | None:
        # Up the folders (iteratively: a path may have thousands of parts) to the nearest
        # pyproject.toml with a [tool.shapelint] table, remembering the answer for each folder passed.
        passed: list[Path] = []
        found: Config | None = None
        while folder not in self._by_folder:
            passed.append(folder)
            candidate = folder / "pyproject.toml"
            if _is_file(candidate):
                table = _tool_table(_read_toml(candidate), candidate)
                if table is not None:
                    found = parse_table(table, root=folder, source=candidate, where=f"{candidate} [tool.shapelint]")
                    break
            if folder.parent == folder:
                break
            folder = folder.parent
        else:
            found = self._by_folder[folder]
        for each in passed:
            self._by_folder[each] = found
        return found
