"""Resolve `from helper import name` to the helper module beside the analyzed file.

A course notebook comes with a `helper.py` in its folder at most; its
functions' shapes matter to the notebook as much as the notebook's own. The
`SiblingImporter` of a folder is an engine `Importer`: for `from helper
import sigmoid` it parses `folder/helper.py` (never imports or runs it),
analyzes it once, and hands back the value the module binds to `sigmoid`,
with `Function.home` set to the helper's `ModuleInfo` so that calls to it are
analyzed in the helper's own scope.

Only names bound exactly once at the helper's top level are exported (the
engine's `ModuleScan.stable`): anything else may be rebound by code the
notebook never sees run. Values that would need the helper's scope but cannot
carry it (classes, instances, bound methods) are exported as unknown, and
arrays lose their provenance (their origin node is in the helper, where the
helper's own check reports it).

Not handled: relative imports (a notebook is no package), `import helper`
followed by `helper.sigmoid` (the engine binds plain imports without asking
an importer), and helpers that import further helpers (they are analyzed
without an importer, so those names are unknown).

The findings of a file analyzed with this importer depend on the helpers'
texts: a results cache must key on them too (`dependencies`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "helper.py").write_text("def f(x):\\n    return x\\n")
>>> type(SiblingImporter(folder)("helper", "f", 0)).__name__
'Function'
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import libcst as cst

from .. import guard
from ..sourcefile import SourceError, read_source
from ..values import UNKNOWN, Array, BoundMethod, Class, Dct, Function, Instance, Lst, Tup, Value
from .stack import deep_stack
from .walker import ModuleInfo, analyze_module_info

# `from a.b import c`, `import a.b, c as d`: the module names a text may import (a superset is fine).
_FROM_IMPORT = re.compile(r"\bfrom[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b")
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.MULTILINE)


class SiblingImporter:
    """An engine `Importer` that reads modules from one folder; one instance per analyzed file."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        # Module name -> its analysis, None where there is no such file or it does not parse.
        self._modules: dict[str, ModuleInfo | None] = {}

    def __call__(self, module: str, name: str, level: int) -> Value:
        if level or not module:
            return UNKNOWN
        info = self._module(module)
        if info is None or name not in info.scan.stable:
            return UNKNOWN
        return _exported(info.global_value(name), info)

    def _module(self, module: str) -> ModuleInfo | None:
        if module not in self._modules:
            # Marked first: a helper that imports the file analyzing it must not loop.
            self._modules[module] = None
            self._modules[module] = self._analyze(module)
        return self._modules[module]

    def _analyze(self, module: str) -> ModuleInfo | None:
        path = module_path(self.folder, module)
        if path is None:
            return None
        try:
            text = read_source(path, str(path)).text
        except SourceError:
            return None
        try:
            with deep_stack():
                return analyze_module_info(guard.parse_module(text))
        except (cst.ParserSyntaxError, SourceError, SyntaxError, guard.Refused):
            # A helper that does not parse is reported when it is checked itself.
            return None


def module_path(folder: Path, module: str) -> Path | None:
    """The file `import module` finds in `folder` (`a.b` -> `a/b.py` or `a/b/__init__.py`), if any."""
    base = Path(folder).joinpath(*module.split("."))
    for candidate in (base.with_name(base.name + ".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(text: str) -> set[str]:
    """Every module name the text may import; more than it does is fine (strings and comments count)."""
    names = set(_FROM_IMPORT.findall(text))
    for clause in _IMPORT.findall(text):
        for part in clause.split(","):
            words = part.split()
            if words:
                names.add(words[0].strip("()"))
    return names


def dependencies(folder: Path, text: str) -> list[tuple[str, str]]:
    """(path, text) of each sibling module that `text` may import, sorted by path: what findings depend on."""
    found = []
    for module in sorted(imported_modules(text)):
        path = module_path(folder, module)
        if path is None:
            continue
        try:
            found.append((str(path), read_source(path, str(path)).text))
        except SourceError:
            found.append((str(path), ""))
    return sorted(found)


def _exported(value: Value, home: ModuleInfo) -> Value:
    """`value` as the importing module may hold it: functions know their home, nothing needs the helper's scope."""
    if isinstance(value, Function):
        return value if value.home is not None else dataclasses.replace(value, home=home)
    if isinstance(value, (Class, Instance, BoundMethod)):
        return UNKNOWN
    if isinstance(value, Array):
        return dataclasses.replace(value, origin=None, reduced=None)
    if isinstance(value, Tup):
        return Tup(tuple(_exported(item, home) for item in value.items))
    if isinstance(value, Lst):
        return value if value.items is None else Lst(tuple(_exported(item, home) for item in value.items))
    if isinstance(value, Dct):
        return Dct(tuple((key, _exported(item, home)) for key, item in value.entries))
    return value


__all__ = ["SiblingImporter", "dependencies", "imported_modules", "module_path"]
