"""Provenance rules shared by the static engine and the runtime recorder.

Where a rank-1 array was made matters to SL001 and to every note that says
"`a` became (5,) at line 4"; both paths must decide it the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

import libcst as cst

from ..values import Array, Lst, Opaque, Tup, Value

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
