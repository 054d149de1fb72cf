"""What inference leaves behind for the rules and the `shapes` command.

The engine records one event per evaluation of an interesting expression in
one analysis context (a function analyzed for one set of argument shapes is
one context). Rules read events; they never walk the tree. `Analysis` also
keeps the joined value of every assignment for `shapelint shapes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from ..values import Value, join


@dataclass(frozen=True, slots=True)
class Operand:
    node: cst.CSTNode
    value: Value


@dataclass(frozen=True, slots=True)
class Elementwise:
    """A broadcasting operation: `a + b`, `np.maximum(a, b)`, `a < b`."""

    node: cst.CSTNode
    operands: tuple[Operand, ...]
    result: Value
    error: str | None
    operator: str  # "+", "maximum", ...


@dataclass(frozen=True, slots=True)
class Product:
    """`np.dot`, `@`, `np.matmul`, `.dot` of two operands."""

    node: cst.CSTNode
    left: Operand
    right: Operand
    result: Value
    error: str | None
    spelling: str  # "np.dot", "@", ...


@dataclass(frozen=True, slots=True)
class Transpose:
    """`.T`, `.transpose()` or `np.transpose(a)`."""

    node: cst.CSTNode
    operand: Operand


@dataclass(frozen=True, slots=True)
class Failure:
    """numpy would certainly raise here (reshape, index, ...)."""

    node: cst.CSTNode
    kind: str
    message: str
    operands: tuple[Operand, ...]
    details: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Binding:
    """`name = value`: the value bound, and the expression that made it."""

    target: cst.Name
    value_node: cst.CSTNode | None
    value: Value
    fresh: bool  # the value's rank-1 origin is inside this assignment's value


@dataclass(frozen=True, slots=True)
class Loop:
    """A `for` loop over `range(...)` whose body the engine saw with known values."""

    node: cst.For
    values: dict[cst.CSTNode, Value] = field(hash=False, compare=False)


@dataclass
class Analysis:
    """Everything inference found in one module."""

    module: cst.Module
    elementwise: list[Elementwise] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    transposes: list[Transpose] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    # Every target of a reportable assignment (CONTRACT section 4), in source
    # order of first evaluation, with the value joined over all contexts.
    assigned: dict[cst.Name, Value] = field(default_factory=dict)
    assigned_from: dict[cst.Name, cst.CSTNode | None] = field(default_factory=dict)
    # The joined value of every array-valued expression the engine evaluated.
    values: dict[cst.CSTNode, Value] = field(default_factory=dict)
    # Where a name was last bound to a rank-1 origin, for notes.
    origin_lines: dict[cst.CSTNode, cst.Name] = field(default_factory=dict)
    loops: list[cst.For] = field(default_factory=list)

    def record_assignment(self, target: cst.Name, value: Value, source: cst.CSTNode | None = None) -> None:
        self.assigned_from.setdefault(target, source)
        previous = self.assigned.get(target)
        self.assigned[target] = value if previous is None else join(previous, value)

    def record_value(self, node: cst.CSTNode, value: Value) -> None:
        previous = self.values.get(node)
        self.values[node] = value if previous is None else join(previous, value)

    def value_of(self, node: cst.CSTNode) -> Value | None:
        return self.values.get(node)
