"""The inferred shape at each place of a module, for hover and inlay hints.

The engine keeps the joined value of every array-valued expression it
evaluated (`Analysis.values`) and of every assignment target
(`Analysis.assigned`); this module gives them positions and the text an
editor shows:

- a `ShapeSpan` for each such node: hover picks the innermost span under
  the cursor and shows `a: (5,)`, with where the value came from (the
  assignments of that name in the same function, and the line that made it
  rank 1);
- a `Hint` for each assignment target with a known rank: after the value for
  `a = np.zeros(5)  (5,)`, after the name for a target without a value of its
  own (`a, b = f()`).

Positions are libcst's: 1-based rows, 0-based columns counting characters.
Texts that name a line hold `{line}`, filled in by the caller, which knows
whether rows are a file's or a notebook cell's.

>>> import libcst as cst
>>> from shapelint.api import analyze
>>> module = cst.parse_module("import numpy as np\\na = np.zeros(5)\\nb = a + 1\\n")
>>> spans, hints = shape_places(module, analyze(module))
>>> [(h.row, h.label) for h in hints]
[(2, '(5,)'), (3, '(5,)')]
"""

from __future__ import annotations

import libcst as cst

from ..domain import format_shape
from ..engine.facts import Analysis
from ..engine.positions import positions
from ..values import Array
from ._messages import Hint, ShapeSpan

# Expressions longer than this are shown shortened in hovers.
_SHOWN = 60
# A hover lists at most this many assignments of a name (the last ones above it).
_ASSIGNMENTS_SHOWN = 3


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= _SHOWN else code[: _SHOWN - 3] + "..."


class _Scopes(cst.CSTVisitor):
    """The function (or class, or module) each name of interest is in."""

    def __init__(self, names: set[cst.Name]) -> None:
        self.names = names
        self.stack: list[cst.CSTNode] = []
        self.scope_of: dict[cst.Name, cst.CSTNode | None] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.stack.append(node)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_Name(self, node: cst.Name) -> None:
        if node in self.names:
            self.scope_of[node] = self.stack[-1] if self.stack else None


def shape_places(module: cst.Module, analysis: Analysis) -> tuple[list[ShapeSpan], list[Hint]]:
    """Every node with an array value as a `ShapeSpan`, and the inlay hints of the assignments."""
    arrays = {node: value for node, value in analysis.values.items() if isinstance(value, Array)}
    targets = {node: value for node, value in analysis.assigned.items() if isinstance(value, Array)}
    sources = {target: analysis.assigned_from.get(target) for target in targets}
    origins = {v.origin for v in [*arrays.values(), *targets.values()] if v.origin is not None}
    wanted: set[cst.CSTNode] = {*arrays, *targets, *origins, *(s for s in sources.values() if s is not None)}
    where = positions(module, wanted)

    names = {n for n in [*arrays, *targets] if isinstance(n, cst.Name)}
    scopes = _Scopes(names)
    module.visit(scopes)
    # (scope, name) -> rows of the assignments, with the assigned code.
    assignments: dict[tuple[cst.CSTNode | None, str], list[tuple[int, str]]] = {}
    for target in targets:
        span, source = where.get(target), sources[target]
        if span is None:
            continue
        code = f"{target.value} = {_short(module.code_for_node(source))}" if source is not None else target.value
        assignments.setdefault((scopes.scope_of.get(target), target.value), []).append((span[0][0], code))

    spans = []
    # An assignment target is never also an evaluated expression: no node is in both.
    for node, value in [*arrays.items(), *targets.items()]:
        span = where.get(node)
        if span is None:
            continue
        label = node.value if isinstance(node, cst.Name) else f"`{_short(module.code_for_node(node))}`"
        found: list[tuple[str, int]] = []
        if isinstance(node, cst.Name) and node not in targets:
            # The assignments above the name in its function (all of them, in a loop or a branch).
            rows = sorted(assignments.get((scopes.scope_of.get(node), node.value), []))
            above = [entry for entry in rows if entry[0] <= span[0][0]] or rows
            found += [(f"assigned at {{line}}: `{code}`", row) for row, code in above[-_ASSIGNMENTS_SHOWN:]]
        origin_span = where.get(value.origin) if value.origin is not None else None
        if origin_span is not None and origin_span != span and all(row != origin_span[0][0] for _, row in found):
            code = _short(module.code_for_node(value.origin))
            found.append((f"rank 1 since {{line}}: `{code}`", origin_span[0][0]))
        spans.append(ShapeSpan(span[0], span[1], label, format_shape(value.shape), tuple(found)))
    spans.sort(key=lambda s: (s.start, s.end))

    hints: dict[tuple[int, int], Hint] = {}
    for target, value in targets.items():
        if value.shape.axes is None:
            continue
        source = sources[target]
        shape = format_shape(value.shape)
        place = where.get(source) if source is not None else None
        if place is not None:
            (row, column) = place[1]
            hints.setdefault((row, column), Hint(row, column, shape))
        elif (own := where.get(target)) is not None:
            (row, column) = own[1]
            hints.setdefault((row, column), Hint(row, column, f": {shape}", after_name=True))
    return spans, sorted(hints.values(), key=lambda h: (h.row, h.column))


__all__ = ["Hint", "ShapeSpan", "shape_places"]
