"""Which names a scope binds, found by a walk over statements only.

Used to decide where a name read inside a function comes from: a local of
the function (unknown until assigned), an enclosing function (unknown), or
the module. A module name is *stable*, and so safe to read from a function,
only if the module binds it exactly once, outside any loop, and no function
declares it `global`. Attribute names assigned anywhere but `self.x = ...`
in a method of one class are *poisoned*: an instance attribute of that name
is not followed. Those assigned in a method other than `__init__` are
*mutable*: their value is the join of every value any method gives them.

Expressions are not visited (walrus targets are missed, and are read as
unknown), which keeps this pass far cheaper than the analysis itself.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Iterable, Sequence

import libcst as cst


def dotted_name(node: cst.BaseExpression) -> str:
    """`numpy.linalg` for the Attribute chain of an import."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted_name(node.value)}.{node.attr.value}"
    return ""


def _target_names(target: cst.BaseExpression, out: list[str]) -> None:
    if isinstance(target, cst.Name):
        out.append(target.value)
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            _target_names(element.value, out)
    elif isinstance(target, cst.StarredElement):
        _target_names(target.value, out)


def _suite(body: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    return body.body if isinstance(body, cst.IndentedBlock) else (body,)


def _children_suites(node: cst.CSTNode) -> Iterable[tuple[cst.BaseSuite, bool]]:
    """The suites nested in a compound statement, with whether they repeat (loop bodies)."""
    if isinstance(node, cst.If):
        yield node.body, False
        if node.orelse is not None:
            if isinstance(node.orelse, cst.If):
                yield cst.IndentedBlock(body=[node.orelse]), False
            else:
                yield node.orelse.body, False
    elif isinstance(node, (cst.For, cst.While)):
        yield node.body, True
        if node.orelse is not None:
            yield node.orelse.body, False
    elif isinstance(node, (cst.Try, getattr(cst, "TryStar", cst.Try))):
        yield node.body, False
        for handler in node.handlers:
            yield handler.body, False
        if node.orelse is not None:
            yield node.orelse.body, False
        if node.finalbody is not None:
            yield node.finalbody.body, False
    elif isinstance(node, cst.With):
        yield node.body, False
    elif hasattr(cst, "Match") and isinstance(node, cst.Match):
        for case in node.cases:
            yield case.body, False


def bound_names(statements: Sequence[cst.CSTNode], counts: Counter[str], in_loop: bool = False) -> None:
    """Count the bindings each name gets in these statements (not inside nested defs or classes)."""
    weight = 2 if in_loop else 1
    for statement in statements:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                names: list[str] = []
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        _target_names(target.target, names)
                elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                    _target_names(small.target, names)
                    if isinstance(small, cst.AugAssign):
                        names.extend(names)  # a rebinding of a name already bound
                elif isinstance(small, cst.Import):
                    for alias in small.names:
                        if alias.asname is not None:
                            _target_names(alias.asname.name, names)  # type: ignore[arg-type]
                        else:
                            names.append(dotted_name(alias.name).split(".")[0])
                elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                    for alias in small.names:
                        if alias.asname is not None:
                            _target_names(alias.asname.name, names)  # type: ignore[arg-type]
                        else:
                            names.append(dotted_name(alias.name))
                elif isinstance(small, cst.Del):
                    _target_names(small.target, names)
                for name in names:
                    counts[name] += weight
            continue
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            counts[statement.name.value] += weight
            continue
        if isinstance(statement, cst.For):
            names = []
            _target_names(statement.target, names)
            for name in names:
                counts[name] += 2
        if isinstance(statement, cst.With):
            for item in statement.items:
                if item.asname is not None:
                    names = []
                    _target_names(item.asname.name, names)
                    for name in names:
                        counts[name] += weight
        if isinstance(statement, (cst.Try, getattr(cst, "TryStar", cst.Try))):
            for handler in statement.handlers:
                if handler.name is not None and isinstance(handler.name.name, cst.Name):
                    counts[handler.name.name.value] += weight
        for suite, repeats in _children_suites(statement):
            bound_names(_suite(suite), counts, in_loop or repeats)


def _params(node: cst.FunctionDef) -> list[str]:
    p = node.params
    names = [x.name.value for x in list(p.posonly_params) + list(p.params) + list(p.kwonly_params)]
    for extra in (p.star_arg, p.star_kwarg):
        if isinstance(extra, cst.Param):
            names.append(extra.name.value)
    return names


class ModuleScan:
    """The statement-level facts about a module the walker needs before it starts."""

    def __init__(self, module: cst.Module) -> None:
        self._module = module
        counts: Counter[str] = Counter()
        bound_names(module.body, counts)
        self.module_bound = frozenset(counts)
        self.declared_global: set[str] = set()
        self.poisoned_attrs: set[str] = set()
        # Attribute name -> the classes with a method other than `__init__` assigning `self.<name>`.
        self.mutable_attrs: dict[str, set[cst.ClassDef]] = {}
        # Attribute name -> the classes whose methods assign `self.<name>`.
        self.attr_classes: dict[str, set[cst.ClassDef]] = {}
        # The methods that assign an attribute of `self`, with the attributes they assign.
        self.assigning_methods: dict[cst.FunctionDef, set[str]] = {}
        self._locals: dict[cst.FunctionDef, frozenset[str]] = {}
        self._scan_deep(module.body, None)
        self._class_bases: dict[cst.ClassDef, list[str]] = {}
        self._scan_classes(module.body)
        self.poisoned_attrs.update(name for name, classes in self.attr_classes.items() if self._related(classes))
        self.stable = frozenset(n for n, c in counts.items() if c == 1 and n not in self.declared_global)

    def _scan_deep(
        self, statements: Sequence[cst.CSTNode], function: cst.FunctionDef | None, cls: cst.ClassDef | None = None
    ) -> None:
        """Find `global` declarations and attribute assignments in every body; `cls` owns `function`."""
        method = function is not None and cls is not None and not function.decorators
        self_name = _params(function)[0] if function is not None and method and _params(function) else None
        self._method = (cls, function.name.value if function is not None else "")
        self._function = function
        for statement in statements:
            if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                for small in statement.body:
                    if isinstance(small, (cst.Global, cst.Nonlocal)):
                        self.declared_global.update(item.name.value for item in small.names)
                    targets: list[cst.BaseExpression] = []
                    if isinstance(small, cst.Assign):
                        targets = [t.target for t in small.targets]
                    elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                        targets = [small.target]
                    for target in targets:
                        self._poison(target, self_name)
                continue
            if isinstance(statement, cst.FunctionDef):
                self._scan_deep(_suite(statement.body), statement, cls if function is None else None)
                self._method = (cls, function.name.value if function is not None else "")
                self._function = function
                continue
            if isinstance(statement, cst.ClassDef):
                self._scan_deep(_suite(statement.body), None, statement)
                self._method = (cls, function.name.value if function is not None else "")
                self._function = function
                continue
            if isinstance(statement, cst.For):
                self._poison(statement.target, None)
            for suite, _ in _children_suites(statement):
                self._scan_deep(_suite(suite), function, cls)

    def _scan_classes(self, statements: Sequence[cst.CSTNode]) -> None:
        for statement in statements:
            if isinstance(statement, cst.ClassDef):
                self._class_bases[statement] = [dotted_name(arg.value).rpartition(".")[2] for arg in statement.bases]
                self._scan_classes(_suite(statement.body))
            elif isinstance(statement, cst.FunctionDef):
                self._scan_classes(_suite(statement.body))
            else:
                for suite, _ in _children_suites(statement):
                    self._scan_classes(_suite(suite))

    def _related(self, classes: set[cst.ClassDef]) -> bool:
        """Whether one of these classes may be a subclass of another (by base names): a method of the
        base then reads what the subclass's methods assign."""
        if len(classes) < 2:
            return False
        by_name: dict[str, list[cst.ClassDef]] = {}
        for cls in self._class_bases:
            by_name.setdefault(cls.name.value, []).append(cls)
        for cls in classes:
            seen: set[cst.ClassDef] = set()
            pending = [cls]
            while pending:
                current = pending.pop()
                for base in self._class_bases.get(current, []):
                    for found in by_name.get(base, []):
                        if found in classes and found is not cls:
                            return True
                        if found not in seen:
                            seen.add(found)
                            pending.append(found)
        return False

    def _poison(self, target: cst.BaseExpression, self_name: str | None) -> None:
        if isinstance(target, cst.Attribute):
            if self_name is not None and isinstance(target.value, cst.Name) and target.value.value == self_name:
                cls, method = self._method
                if cls is not None:
                    self.attr_classes.setdefault(target.attr.value, set()).add(cls)
                    if method != "__init__":
                        self.mutable_attrs.setdefault(target.attr.value, set()).add(cls)
                if self._function is not None:
                    self.assigning_methods.setdefault(self._function, set()).add(target.attr.value)
            else:
                self.poisoned_attrs.add(target.attr.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._poison(element.value, self_name)

    @cached_property
    def called_names(self) -> frozenset[str]:
        """Every name the module calls: `f(...)` and `obj.f(...)` both give `f`."""
        names: set[str] = set()

        class Calls(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                func = node.func
                if isinstance(func, cst.Name):
                    names.add(func.value)
                elif isinstance(func, cst.Attribute):
                    names.add(func.attr.value)

        self._module.visit(Calls())
        return frozenset(names)

    def locals_of(self, node: cst.FunctionDef) -> frozenset[str]:
        cached = self._locals.get(node)
        if cached is None:
            counts: Counter[str] = Counter()
            bound_names(_suite(node.body), counts)
            globals_here: set[str] = set()
            _declared(_suite(node.body), globals_here)
            cached = frozenset((set(counts) | set(_params(node))) - globals_here)
            self._locals[node] = cached
        return cached


def _declared(statements: Sequence[cst.CSTNode], out: set[str]) -> None:
    for statement in statements:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                if isinstance(small, (cst.Global, cst.Nonlocal)):
                    out.update(item.name.value for item in small.names)
        elif not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            for suite, _ in _children_suites(statement):
                _declared(_suite(suite), out)
