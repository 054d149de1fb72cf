"""Provenance rules shared by the static engine and the runtime recorder.

Where a rank-1 array was made matters to SL001 and to every note that says
"`a` became (5,) at line 4"; which array a value is (its identity) matters to
SL003 and SL007. Both paths must decide them the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

import libcst as cst

from ..numpy_api._ufuncs import _UNARY
from ..values import Array, Lst, Opaque, Tup, Value
from .facts import BROADCASTING

# `x += y` computes as `x + y` (then stores in place).
AUG_OPERATORS = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
    cst.DivideAssign: cst.Divide,
    cst.FloorDivideAssign: cst.FloorDivide,
    cst.ModuloAssign: cst.Modulo,
    cst.PowerAssign: cst.Power,
    cst.MatrixMultiplyAssign: cst.MatrixMultiply,
    cst.BitAndAssign: cst.BitAnd,
    cst.BitOrAssign: cst.BitOr,
    cst.BitXorAssign: cst.BitXor,
    cst.LeftShiftAssign: cst.LeftShift,
    cst.RightShiftAssign: cst.RightShift,
}


def flatten(values: Iterable[Value]) -> list[Value]:
    """The values, with known lists and tuples opened up (`np.concatenate([a, b])` has inputs a, b)."""
    out: list[Value] = []
    for value in values:
        if isinstance(value, (Tup, Lst)) and value.items is not None:
            out.extend(flatten(value.items))
        else:
            out.append(value)
    return out


def with_rank1_origin(node: Any, result: Value, inputs: Iterable[Value]) -> tuple[Value, bool]:
    """Give a rank-1 result its origin; and whether `node` itself is that origin.

    A rank-1 input passes its origin on (`2 * a`, `a.T`); an input that may
    already be rank 1 (unknown rank, unknown value) means there is no origin
    here; otherwise this node made the rank-1 array.
    """
    if not isinstance(result, Array) or result.rank != 1:
        return result, False
    for value in flatten(inputs):
        if isinstance(value, Array) and value.rank == 1:
            return replace(result, origin=value.origin), False
        if (isinstance(value, Array) and value.rank is None) or isinstance(value, Opaque):
            return replace(result, origin=None), False
    return replace(result, origin=node), True


# Functions whose result is, axis by axis, the operand whose shape it keeps:
# ufuncs and copies.
_SAME_ARRAY = (
    BROADCASTING
    | {"numpy." + name for name in _UNARY}
    | {"numpy.ndarray." + name for name in ("copy", "astype", "clip", "conj", "round")}
    | {"numpy." + name for name in ("asarray", "array", "asanyarray", "ascontiguousarray", "copy", "round")}
)


# Results that count the data: one entry per value or category, a vector meant as one.
_COUNTS = frozenset({"numpy.bincount"})
# Arguments that say how to make an array, never what it holds.
_SETTINGS = frozenset({"dtype", "order", "like", "device", "copy", "subok", "casting", "endpoint", "retstep"})
# Creation functions whose positional arguments after the shape are settings (`np.zeros(5, dt)`).
_SHAPE_THEN_SETTINGS = {"numpy.zeros": 1, "numpy.ones": 1, "numpy.empty": 1, "numpy.full": 2}


def data_inputs(qualname: str | None, args: list[Value], kwargs: dict[str, Value]) -> list[Value]:
    """The arguments a result's rank can come from: every spelling of a size counts, a dtype does not.

    `np.zeros(shape=(n,))` is the same origin as `np.zeros((n,))`; `np.zeros(5, dtype=dt)` with
    an unknown `dt` is still an origin.
    """
    positional = args[: _SHAPE_THEN_SETTINGS[qualname]] if qualname in _SHAPE_THEN_SETTINGS else args
    return positional + [value for name, value in kwargs.items() if name not in _SETTINGS]


def same_array(a: Value, b: Value) -> bool:
    """Whether two values are certainly the same array (or one computed elementwise from the other)."""
    return isinstance(a, Array) and isinstance(b, Array) and a.root is not None and a.root == b.root


def with_provenance(node: Any, qualname: str | None, result: Value, inputs: list[Value]) -> tuple[Value, bool]:
    """The result with its rank-1 origin, its identity and what it reduced; and whether `node` is its origin.

    `np.exp(S)` keeps the identity of `S`; any other array made at `node` is a
    new array. An un-kept reduction records the identity of the array it reduced.
    """
    if qualname in _COUNTS and isinstance(result, Array):
        # A new vector of other data, of its own length: neither an origin nor its input's array.
        result, fresh = replace(result, origin=None), False
    else:
        result, fresh = with_rank1_origin(node, result, inputs)
    if not isinstance(result, Array):
        return result, fresh
    root: Any = node
    if qualname in _SAME_ARRAY:
        # `np.exp(S)`, `X - X.mean(axis=0)`, `X * 2`: the one operand that keeps the result's
        # shape lends it its axes (the others only broadcast into it), so it is that array.
        arrays = [v for v in inputs if isinstance(v, Array) and v.shape.axes != ()]
        keeping = [a for a in arrays if a.shape == result.shape]
        if len(keeping) == 1:
            root = keeping[0].root
    reduced = result.reduced
    if reduced is not None and reduced.source is None and inputs:
        first = inputs[0]
        if isinstance(first, Array) and first.rank == reduced.source_rank:
            reduced = replace(reduced, source=first.root)
    if root is not result.root or reduced is not result.reduced:
        result = replace(result, root=root, reduced=reduced)
    return result, fresh
