"""Python's builtins on arrays, and numpy's `shape`/`ndim` functions.

`sum(A)` adds the rows of `A` (`A[0] + A[1] + ...`, starting from 0);
`min(a)`/`max(a)` compare the items of a 1-d array; `pow(A, k)` is numpy's
`power`; `round` claims nothing (ndarray has no `__round__`). Where the builtin would return a Python int
(the sum of nothing is `0`, `round` of a numpy scalar is an int) the answer is
unknown: a shape is claimed only for arrays and numpy scalars.
"""

from __future__ import annotations

from ..domain import SCALAR, Known, Shape
from ..values import NONE, UNKNOWN, Array, Int, Tup, Value
from ._args import as_array, is_none, sure_array
from ._registry import REGISTRY, CallArgs, GiveUp, broadcast_shapes, shape_rule


def _first_axis_positive(array: Array) -> bool:
    axes = array.shape.axes
    return axes is not None and bool(axes) and isinstance(axes[0], Known) and axes[0].value > 0


@shape_rule("builtins.sum")
def _sum(call: CallArgs) -> Value:
    bound = call.bind("iterable, /, start=0")
    array = bound.get("iterable")
    if not isinstance(array, Array) or array.shape.axes is None or not _first_axis_positive(array):
        raise GiveUp
    start = as_array(bound.get("start", Int(Known(0))))
    if start is None:
        raise GiveUp
    row = Shape(array.shape.axes[1:])
    return Array(broadcast_shapes([row, start.shape]), array.dtype if array.dtype != "b" else "i")


@shape_rule("builtins.min", "builtins.max")
def _extreme(call: CallArgs) -> Value:
    if len(call.args) != 1 or call.kwargs or call.star:
        raise GiveUp
    array = call.args[0]
    if not isinstance(array, Array) or not _first_axis_positive(array):
        raise GiveUp
    assert array.shape.axes is not None
    if len(array.shape.axes) == 1:
        return Array(SCALAR, array.dtype)
    if array.shape.axes[0] == Known(1):
        return Array(Shape(array.shape.axes[1:]), array.dtype)  # one row: nothing is compared
    raise GiveUp  # comparing rows raises "truth value ... is ambiguous"


@shape_rule("builtins.round")
def _round(call: CallArgs) -> Value:
    # ndarray has no `__round__` (TypeError), a numpy scalar's is a Python int without
    # `ndigits`, and a 0-d array cannot be told from a numpy scalar: nothing to claim.
    raise GiveUp


@shape_rule("builtins.pow")
def _pow(call: CallArgs) -> Value:
    bound = call.bind("base, exp, mod=None")
    if not is_none(bound.get("mod", NONE)):
        raise GiveUp
    if not any(isinstance(bound.get(k), Array) for k in ("base", "exp")):
        raise GiveUp
    return REGISTRY["numpy.power"](CallArgs([bound["base"], bound["exp"]]))


@shape_rule("numpy.shape")
def _shape(call: CallArgs) -> Value:
    array = sure_array(call.bind("a")["a"])
    if array.shape.axes is None:
        return UNKNOWN
    return Tup(tuple(Int(axis) for axis in array.shape.axes))


@shape_rule("numpy.ndim")
def _ndim(call: CallArgs) -> Value:
    array = sure_array(call.bind("a")["a"])
    return Int(Known(array.rank)) if array.rank is not None else UNKNOWN
