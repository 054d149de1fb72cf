"""The project's own modules: `import pkg.mod`, `from .mod import f`, `from helpers import *`.

An engine `Importer` resolves a name imported from a module of the project
(the folder of the analyzed file, and the folder above its outermost package,
found by walking up `__init__.py` files) by parsing that module's file (it is
never imported or run), analyzing it once per process (`ModuleCache`, keyed by
path and text) and handing back the value the module binds to the name:
functions and classes carry the `ModuleInfo` of their home module, so calls
to them are analyzed in that module's own scope and their summaries are
shared by every file that imports them. A module that imports modules is
analyzed with an importer of its own; an import cycle is broken by answering
unknown for the module still being analyzed.

Only names bound exactly once at the module's top level are exported (the
engine's `ModuleScan.stable`): anything else may be rebound by code the
importer never sees run. Instances and bound methods are exported as unknown,
and arrays lose their provenance (their origin node is in the other module,
where its own check reports it).

The findings of a file depend on the texts of the modules it imports,
directly or through others: a results cache keys on them too
(`project_dependencies`).

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
from typing import Any

import libcst as cst

from .. import guard
from ..sourcefile import SourceError, read_source
from ..values import UNKNOWN, Array, BoundMethod, Class, Dct, Deferred, Function, Instance, Lst, ModuleRef, Tup, Value
from .stack import deep_stack
from .walker import ModuleInfo, analyze_module_info, forget_resolved

# `from a.b import c`, `import a.b, c as d`: the module names a text may import (a superset is fine).
_FROM_IMPORT = re.compile(r"\bfrom[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b")
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.MULTILINE)


# Stamps read while one file is checked: each module file is looked at once per checked file.
_STAMPS: dict[Path, tuple[int, int] | None] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    if path in _STAMPS:
        return _STAMPS[path]
    try:
        stat = path.stat()
        stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    _STAMPS[path] = stamp
    return stamp


class ModuleCache:
    """Analyzed modules by file, reused by every importer of the process.

    An entry holds while the module's text is the same and every module it
    read (directly or through others) is unchanged on disk.
    """

    LIMIT = 512

    def __init__(self) -> None:
        # path -> (text, analysis, the files its analysis read with their stamps)
        self._infos: dict[str, tuple[str, ModuleInfo | None, dict[Path, Any]]] = {}
        self._busy: set[str] = set()
        self._verdicts: dict[str, bool] = {}

    def _fresh(self, key: str, seen: set[str]) -> bool:
        entry = self._infos.get(key)
        if entry is None:
            return False
        for path, stamp in list(entry[2].items()):
            if _stamp(path) != stamp:
                return False
            for inner in (f"{path}@{depth}" for depth in range(ProjectImporter.MAX_DEPTH + 1)):
                if inner in seen or inner not in self._infos:
                    continue
                seen.add(inner)
                if not self._fresh(inner, seen):
                    return False
        return True

    def fresh(self, key: str) -> bool:
        """Whether the entry and everything it read are unchanged (checked once per checked file)."""
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._fresh(key, {key})
        return verdict

    def get(self, where: tuple[Path, int], text: str, analyze: Any) -> ModuleInfo | None:
        """The analysis of the module at (path, depth); `analyze()` returns it and the modules it read."""
        key = f"{where[0]}@{where[1]}"
        found = self._infos.get(key)
        if found is not None and found[0] == text and self.fresh(key):
            return found[1]
        if key in self._busy:
            return None  # an import cycle: the module is still being analyzed
        self._busy.add(key)
        try:
            info, read = analyze()
        finally:
            self._busy.discard(key)
        if len(self._infos) >= self.LIMIT:
            self._infos.clear()
        self._infos[key] = (text, info, read)
        self._verdicts[key] = True
        return info


MODULES = ModuleCache()


def project_roots(path: Path) -> tuple[list[Path], tuple[str, ...]]:
    """The folders absolute imports are looked up in, and the dotted package of the file at `path`."""
    folder = path.parent
    package: list[str] = []
    top = folder
    while (top / "__init__.py").is_file() and top.parent != top:
        package.insert(0, top.name)
        top = top.parent
    roots = [top] if top == folder else [top, folder]
    return roots, tuple(package)


class ProjectImporter:
    """An engine `Importer` for one analyzed file: the modules of its project, by their files.

    `depth` counts the imports between the checked file and this module: modules
    more than `MAX_DEPTH` imports away are not read (their names are unknown),
    which bounds what one file costs in a large package. A module is analyzed
    once per process and depth, so a file's findings do not depend on the
    order files are checked in.
    """

    MAX_DEPTH = 2

    def __init__(
        self, path: str | Path, roots: list[Path] | None = None, package: tuple[str, ...] = (), depth: int = 0
    ) -> None:
        self.path = Path(path)
        self.depth = depth
        if roots is None:
            roots, package = project_roots(self.path)
        self.roots = roots
        self.package = package
        self._found: dict[str, Path | None] = {}
        self._modules: dict[str, ModuleInfo | None] = {}
        # Every module file this importer read, with its stamp (what the analysis depends on).
        self.read: dict[Path, Any] = {}

    def absolute(self, module: str, level: int) -> str | None:
        """The dotted name `from <dots><module> import ...` refers to, or None past the top package."""
        if not level:
            return module
        if level - 1 > len(self.package) or not self.package:
            return None
        base = list(self.package[: len(self.package) - (level - 1)])
        return ".".join(base + ([module] if module else []))

    def find(self, module: str) -> Path | None:
        if not module:
            return None
        if module not in self._found:
            self._found[module] = next(
                (path for path in (module_path(root, module) for root in self.roots) if path is not None), None
            )
        return self._found[module]

    def __call__(self, module: str, name: str, level: int) -> Value:
        target = self.absolute(module, level)
        if target is None:
            return UNKNOWN
        info = self.module(target)
        if name == "*":
            return _public_names(info) if info is not None else UNKNOWN
        if info is not None and name in info.scan.stable:
            return _exported(info.global_value(name), info)
        submodule = f"{target}.{name}" if target else name
        if self.find(submodule) is not None and (info is None or name not in info.scan.module_bound):
            return ModuleRef(submodule)  # `from pkg import mod`, `pkg.mod`
        return UNKNOWN

    def module(self, module: str) -> ModuleInfo | None:
        if self.depth >= self.MAX_DEPTH:
            return None
        if module in self._modules:
            return self._modules[module]
        self._modules[module] = None  # a cycle back to this module while it is analyzed
        path = self.find(module)
        if path is None or path.resolve() == self.path.resolve():
            return None
        self.read[path.resolve()] = _stamp(path)
        try:
            text = read_source(path, str(path)).text
        except SourceError:
            return None
        info = MODULES.get((path.resolve(), self.depth), text, lambda: self._analyze(path, text))
        self._modules[module] = info
        return info

    def _analyze(self, path: Path, text: str) -> tuple[ModuleInfo | None, dict[Path, Any]]:
        roots, package = project_roots(path)
        importer = ProjectImporter(path, self._merged(roots), package, self.depth + 1)
        try:
            with deep_stack():
                info: ModuleInfo | None = analyze_module_info(parse_cached(path, text), importer, uncalled=False)
        except (cst.ParserSyntaxError, SourceError, SyntaxError, guard.Refused):
            # A module that does not parse is reported when it is checked itself.
            info = None
        # The importer's own record: reads made later (a call into the module) count too.
        return info, importer.read

    def _merged(self, roots: list[Path]) -> list[Path]:
        # A helper beside a script finds the script's other helpers too.
        return roots + [r for r in self.roots if r not in roots]


_PARSED: dict[str, tuple[str, cst.Module]] = {}


def parse_cached(path: str | Path, text: str, keep: bool = True) -> cst.Module:
    """The syntax tree of a module's text, parsed once per process (parsing costs more than the analysis).

    Imported modules are kept (`keep`); a checked file reuses its tree if some
    file imported it before, but is not kept itself: holding every tree of a
    large run makes the garbage collector's passes slow.
    """
    key = str(Path(path).resolve()) if path and not str(path).startswith("<") else str(path)
    found = _PARSED.get(key)
    if found is not None and found[0] == text:
        return found[1]
    module = guard.parse_module(text)
    if not keep:
        return module
    if len(_PARSED) >= ModuleCache.LIMIT:
        _PARSED.clear()
    _PARSED[key] = (text, module)
    return module


class SiblingImporter(ProjectImporter):
    """The importer of a file whose helpers lie in `folder` (a notebook's folder)."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder)
        roots, package = project_roots(folder / "__notebook__.py")
        super().__init__(folder / "__notebook__.py", roots, package)


def project_importer(filename: str) -> ProjectImporter | None:
    """The importer for a file being checked, or None where it has no folder on disk (stdin without a name)."""
    path = Path(filename)
    if not filename or filename == "-" or not path.parent.is_dir():
        return None
    # A new file is checked: modules may have changed since the last one, and the
    # previous file's resolved imports (keyed by its importers) can never be read again.
    _STAMPS.clear()
    MODULES._verdicts.clear()
    forget_resolved()
    return ProjectImporter(path)


def _public_names(info: ModuleInfo) -> Value:
    """What `from module import *` binds (the stable public names), as a dict of values.

    Names the module itself imports stay unresolved (`Deferred`) until read.
    """
    state = info.module_walker.state if info.module_walker is not None else None
    entries = []
    for name in sorted(info.scan.stable):
        if name.startswith("_"):
            continue
        raw = state.get(name) if state is not None else None
        entries.append((name, raw if isinstance(raw, Deferred) else _exported(info.global_value(name), info)))
    return Dct(tuple(entries))


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


def project_dependencies(path: str | Path, text: str, limit: int = 200) -> list[tuple[str, str]]:
    """(path, text) of every project module `text` may import, directly or through others (as deep as
    the importer reads), sorted by path."""
    importer = ProjectImporter(Path(path))
    found: dict[str, str] = {}
    pending = [(importer, text)]
    while pending and len(found) < limit:
        current, source = pending.pop()
        if current.depth >= ProjectImporter.MAX_DEPTH:
            continue
        for module in _imported_with_levels(source):
            level, name = module
            target = current.absolute(name, level)
            candidates = [target] if target else []
            if target and level:
                # `from . import mod` names a module too.
                candidates += [f"{target}.{n}" for n in _from_names(source, name, level)]
            for candidate in candidates:
                where = current.find(candidate) if candidate else None
                if where is None or str(where) in found or where.resolve() == importer.path.resolve():
                    continue
                try:
                    found[str(where)] = read_source(where, str(where)).text
                except SourceError:
                    found[str(where)] = ""
                roots, package = project_roots(where)
                pending.append((ProjectImporter(where, current._merged(roots), package, current.depth + 1), found[str(where)]))
    return sorted(found.items())


_RELATIVE = re.compile(r"\bfrom[ \t]+(\.+)([A-Za-z_][\w.]*)?[ \t]+import[ \t]+\(?([^\n#;)]+)")


def _imported_with_levels(text: str) -> set[tuple[int, str]]:
    names = {(0, name) for name in imported_modules(text)}
    for dots, module, _ in _RELATIVE.findall(text):
        names.add((len(dots), module or ""))
    return names


def _from_names(text: str, module: str, level: int) -> list[str]:
    out = []
    for dots, name, clause in _RELATIVE.findall(text):
        if len(dots) == level and (name or "") == module:
            out += [part.split()[0] for part in clause.split(",") if part.split()]
    return out


def _exported(value: Value, home: ModuleInfo) -> Value:
    """`value` as the importing module may hold it: functions know their home, nothing needs the helper's scope."""
    if isinstance(value, Function):
        return value if value.home is not None else dataclasses.replace(value, home=home)
    if isinstance(value, Class):
        return value if value.home is not None else dataclasses.replace(value, home=home)
    if isinstance(value, (Instance, BoundMethod)):
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


__all__ = [
    "MODULES",
    "ProjectImporter",
    "SiblingImporter",
    "dependencies",
    "imported_modules",
    "module_path",
    "parse_cached",
    "project_dependencies",
    "project_importer",
    "project_roots",
]
