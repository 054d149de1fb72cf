"""The import hook: modules from the script's own folder are instrumented as they are imported.

`Policy` decides which files are the user's: by default every `.py` file
below the script's folder (the root), except what lies in an installed
environment (`site-packages`, `dist-packages`, a folder with a
`pyvenv.cfg`). `--include` adds and `--exclude` removes modules, each given
as a module name (`helpers`, `pkg.sub`: the module and its submodules) or
as a path or glob (`lib/`, `*/vendored/*.py`); an exclude wins.

The finder sits in `sys.meta_path` just before the standard `PathFinder`,
so finders that come first (pytest's assertion rewriting, editable
installs) keep their modules. It asks `PathFinder` for the spec and swaps in
a loader that compiles the instrumented source. No bytecode is written:
an instrumented `.pyc` would be picked up by a later plain run.
"""

from __future__ import annotations

import fnmatch
import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .instrument import InstrumentError

try:
    from importlib._bootstrap import _call_with_frames_removed  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every CPython since 3.3 has it

    def _call_with_frames_removed(f: Any, *args: Any) -> Any:
        return f(*args)
from .recorder import Recorder, display_name

_ENVIRONMENT_PARTS = frozenset({"site-packages", "dist-packages"})
# Never rewritten, whatever --include says: the checker itself and numpy.
_NEVER = ("shapelint", "numpy", "libcst", "click", "_pytest", "pytest", "pluggy")


@dataclass
class Policy:
    """Which modules are instrumented (see the module docstring)."""

    root: Path | None
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    _environments: dict[str, bool] = field(default_factory=dict, repr=False)

    def wants(self, fullname: str, path: str) -> bool:
        if not path.endswith(".py"):
            return False
        top = fullname.partition(".")[0]
        if top in _NEVER:
            return False
        if any(_matches(pattern, fullname, path) for pattern in self.exclude):
            return False
        if any(_matches(pattern, fullname, path) for pattern in self.include):
            return True
        return self.root is not None and self._below_root(path)

    def _below_root(self, path: str) -> bool:
        assert self.root is not None
        try:
            relative = Path(os.path.realpath(path)).relative_to(self.root)
        except ValueError:
            return False
        if _ENVIRONMENT_PARTS.intersection(relative.parts):
            return False
        folder = self.root
        for part in relative.parts[:-1]:
            folder = folder / part
            if self._is_environment(folder):
                return False
        return True

    def _is_environment(self, folder: Path) -> bool:
        key = str(folder)
        if key not in self._environments:
            self._environments[key] = (folder / "pyvenv.cfg").is_file()
        return self._environments[key]


def _matches(pattern: str, fullname: str, path: str) -> bool:
    """A module name matches itself and its submodules; anything with a slash or glob is a path pattern."""
    if "/" not in pattern and os.sep not in pattern and not any(c in pattern for c in "*?[") and not pattern.endswith(".py"):
        return fullname == pattern or fullname.startswith(pattern + ".")
    real = os.path.realpath(path)
    candidate = os.path.realpath(pattern)
    if os.path.isdir(candidate):
        return real.startswith(candidate.rstrip(os.sep) + os.sep)
    if real == candidate:
        return True
    relative = display_name(real)
    return any(fnmatch.fnmatch(p, pattern) for p in (real, relative, os.path.basename(real)))


class InstrumentingLoader(importlib.machinery.SourceFileLoader):
    """A source loader that runs the instrumented code of the module and writes no bytecode."""

    def __init__(self, fullname: str, path: str, recorder: Recorder) -> None:
        super().__init__(fullname, path)
        self.recorder = recorder
        self._made: Any = None

    def get_code(self, fullname: str) -> Any:
        source_bytes = self.get_data(self.path)
        source = importlib.util.decode_source(source_bytes)
        # Real syntax errors surface as Python words them, from the original text.
        plain = compile(source_bytes, self.path, "exec", dont_inherit=True)
        try:
            self._made = self.recorder.instrument(source, self.path)
        except (InstrumentError, SyntaxError, RecursionError, ValueError):
            self._made = None
            return plain
        return self._made.code

    def exec_module(self, module: Any) -> None:
        code = self.get_code(module.__name__)
        if self._made is not None:
            self.recorder.prepare(self._made, module.__dict__)
        # Through importlib's marker function, so that CPython leaves the import machinery's
        # frames out of tracebacks, as it does for its own loaders.
        _call_with_frames_removed(exec, code, module.__dict__)


class InstrumentingFinder:
    """A meta path finder handing the policy's modules to `InstrumentingLoader`."""

    def __init__(self, policy: Policy, recorder: Recorder) -> None:
        self.policy = policy
        self.recorder = recorder

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return None
        origin = spec.origin or ""
        if not self.policy.wants(fullname, origin):
            return None
        spec.loader = InstrumentingLoader(fullname, origin, self.recorder)
        return spec

    def invalidate_caches(self) -> None:
        pass


def install(finder: InstrumentingFinder) -> None:
    """Put the finder just before the standard PathFinder in sys.meta_path."""
    for index, entry in enumerate(sys.meta_path):
        if entry is importlib.machinery.PathFinder:
            sys.meta_path.insert(index, finder)
            return
    sys.meta_path.append(finder)


def uninstall(finder: InstrumentingFinder) -> None:
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)


__all__ = ["InstrumentingFinder", "InstrumentingLoader", "Policy", "install", "uninstall"]
