"""Wording and small lookups the rules share, for static and runtime findings alike.

Messages name the shapes (`(5,)`, `(n, 1)`) and, where a shape was made
elsewhere, a note says where, so the reader can walk back to the origin.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..domain import Known, Shape, format_shape
from ..engine.facts import Analysis
from ..values import Array, Value

MAX_SNIPPET = 40


def code(analysis: Analysis, node: cst.CSTNode) -> str:
    """The source of `node` on one line, shortened for messages."""
    text = " ".join(analysis.module.code_for_node(node).split())
    return text if len(text) <= MAX_SNIPPET else text[: MAX_SNIPPET - 3] + "..."


def shape(value: Value) -> str:
    return format_shape(value.shape) if isinstance(value, Array) else "?"


def rank(value: Value) -> int | None:
    return value.shape.rank if isinstance(value, Array) else None


def known_rank(value: Value, wanted: int | None = None) -> bool:
    r = rank(value)
    return r is not None and (wanted is None or r == wanted)


def length_text(value: Array, axis: int = 0) -> str:
    assert value.shape.axes is not None
    return str(value.shape.axes[axis])


def column_shape(value: Array) -> str:
    """`(5, 1)` for a rank-1 `(5,)` array, `(n, 1)` for `(n,)`."""
    return format_shape(Shape((value.shape.axes[0], Known(1))))  # type: ignore[index]


def origins(analysis: Analysis) -> dict[Any, cst.Name]:
    """The assignment target that first bound each rank-1 origin."""
    found: dict[Any, cst.Name] = {}
    for binding in analysis.bindings:
        origin = binding.value.origin if isinstance(binding.value, Array) else None
        if origin is not None and origin not in found:
            found[origin] = binding.target
    return found


def origin_note(analysis: Analysis, value: Value, origin_targets: dict[Any, cst.Name]) -> tuple[str, cst.CSTNode] | None:
    """`a` became (5,) at line {line}: where a rank-1 operand was made."""
    if not isinstance(value, Array) or value.origin is None:
        return None
    target = origin_targets.get(value.origin)
    if target is None:
        return None
    return (f"`{target.value}` became {shape(value)} at line {{line}}", target)


def numpy_alias(module: cst.Module) -> str | None:
    """The name the module gives numpy (`np`), for fixes that add a numpy call."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if isinstance(alias.name, cst.Name) and alias.name.value == "numpy":
                            if alias.asname is None:
                                return "numpy"
                            if isinstance(alias.asname.name, cst.Name):
                                return alias.asname.name.value
    return None


def is_transpose(node: cst.CSTNode) -> bool:
    """`x.T`, `x.transpose()` or `np.transpose(x)` written at this node."""
    if isinstance(node, cst.Attribute) and node.attr.value == "T":
        return True
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "transpose" and len(node.args) <= 1:
            return True
        if isinstance(func, cst.Name) and func.value == "transpose":
            return True
    return False


def transposed_operand(node: cst.CSTNode) -> cst.CSTNode:
    """`a` for `a.T`, `a.transpose()`, `np.transpose(a)`; the node itself otherwise."""
    if isinstance(node, cst.Attribute) and node.attr.value == "T":
        return node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "transpose":
        if node.args:
            return node.args[0].value
        return node.func.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.args:
        return node.args[0].value
    return node


def atom(analysis: Analysis, node: cst.CSTNode) -> str:
    """The node's source, parenthesized unless it is already an atom (`a`, `f(x)`, `a[0]`, `a.b`)."""
    text = analysis.module.code_for_node(node)
    if isinstance(node, (cst.Name, cst.Call, cst.Subscript, cst.Attribute)) or getattr(node, "lpar", None):
        return text
    return f"({text})"
