"""What the abstract arguments of a call mean to numpy: arrays, lengths, shapes, axes, constants.

Each reader answers None (or a documented sentinel) for an argument it does
not understand, so that the rule can still answer something; the few that
rules cannot do without (`sure_array`, `flag`) raise `GiveUp` instead.
"""

from __future__ import annotations

from typing import Any

from ..domain import SCALAR, Axis, Known, Shape, Sym, Unknown
from ..values import Array, Const, Int, Lst, Opaque, Range, Tup, Value, int_of, scalar_array_for
from ._dtypes import float_dtype
from ._registry import GiveUp, ShapeError

# -- arrays --


def as_array(value: Value | None) -> Array | None:
    """The array numpy makes of `value` (`np.asarray`), or None if not known.

    Nested lists and tuples of equal-shaped items become arrays; ragged ones
    are an error in numpy 2 and give None here.
    """
    if value is None:
        return None
    if isinstance(value, Array):
        return value
    scalar = scalar_array_for(value)
    if scalar is not None:
        return scalar
    items = value.items if isinstance(value, (Tup, Lst)) else None
    if items is None:
        return None
    if not items:
        return Array(Shape((Known(0),)), "f")
    inner = [as_array(item) for item in items]
    if any(a is None or a.shape.axes is None for a in inner):
        return None
    first = inner[0].shape  # type: ignore[union-attr]
    for other in inner[1:]:
        if other.shape != first:  # type: ignore[union-attr]
            return None
    dtype = float_dtype(*inner)
    return Array(Shape((Known(len(items)),) + first.axes), dtype)  # type: ignore[operator]


def may_be_length(value: Value) -> bool:
    """A Python int, a numpy integer (`np.prod(X.shape[1:])`), or an unknown value: what numpy takes for a length."""
    if isinstance(value, (Int, Opaque)):
        return True
    return isinstance(value, Array) and value.shape.axes == () and value.dtype in (None, "i")


def sure_array(value: Value | None) -> Array:
    """`as_array(value)`, giving up when it is not known."""
    array = as_array(value)
    if array is None:
        raise GiveUp
    return array


def operand(value: Value | None) -> Array | None:
    """What `np.asarray(value)` gives, with the dtype of mixed literals fixed.

    `[True, 1]` is an int array in numpy (not float), and `range(n)` is an int
    array of length n.
    """
    if isinstance(value, Range):
        return Array(Shape((value.length,)), "i")
    arr = as_array(value)
    if arr is not None and isinstance(value, (Tup, Lst)):
        return Array(arr.shape, _literal_kind(value))
    return arr


def _literal_kind(value: Value) -> str | None:
    if isinstance(value, (Tup, Lst)):
        if value.items is None:
            return None
        if not value.items:
            return "f"
        kinds = [_literal_kind(item) for item in value.items]
        return float_dtype(*(Array(SCALAR, k) for k in kinds))
    arr = operand(value)
    return arr.dtype if arr is not None else None


# -- lengths and shapes --


def length_of(value: Value | None) -> Axis | None:
    """An int argument used as a length: its axis, else None (bools are not lengths)."""
    if value is None or isinstance(value, Const):
        return None
    axis = int_of(value)
    if axis is not None:
        return axis
    if isinstance(value, Array) and value.shape.axes == () and value.dtype == "i":
        return Unknown("numpy int")
    return None


def to_shape(value: Value | None) -> Shape | None:
    """A shape argument (`5`, `(3, 4)`, `[n, 1]`) as a Shape, or None if not known.

    An int is a 1-d shape. A tuple whose items are unknown still gives the
    rank. Negative known lengths are kept (reshape's -1); rules that forbid
    them check. A bool is no length (numpy raises TypeError).
    """
    if value is None or is_bool(value):
        return None
    axis = length_of(value)
    if axis is not None:
        return Shape((axis,))
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        axes: list[Axis] = []
        for item in value.items:
            item_axis = length_of(item)
            if item_axis is None:
                item_axis = _symbol_for_opaque(item)
            if item_axis is None:
                return None
            axes.append(item_axis)
        return Shape(tuple(axes))
    if isinstance(value, Array) and value.rank == 1 and value.shape.axes is not None:
        length = value.shape.axes[0]
        if isinstance(length, Known) and value.dtype == "i":
            return Shape((Unknown("array of lengths"),) * length.value)
    return None


def _symbol_for_opaque(value: Value) -> Axis | None:
    # An item of a shape tuple must be an int, so an unknown-but-fixed value
    # there (a parameter `n`) is a length named after it.
    if isinstance(value, Opaque):
        if value.key is not None and value.name:
            return Sym(value.name, value.key)
        return Unknown("unknown int")
    if isinstance(value, (Int, Array)):
        return Unknown("unknown int")
    return None


# -- axes --


def one_axis(value: Value | None, ndim: int, what: str = "axis") -> int | None:
    """A single axis argument, normalised; None when not known. Raises when out of range."""
    if value is None or isinstance(value, Const):
        return None
    axis = int_of(value)
    if not isinstance(axis, Known):
        return None
    if not -ndim <= axis.value < ndim:
        raise ShapeError("axis", f"{what} {axis.value} is out of bounds for array of dimension {ndim}")
    return axis.value % ndim


def normalize_axis(value: Value | None, ndim: int) -> tuple[int, ...] | None | str:
    """An `axis` argument as a sorted tuple of non-negative axes.

    Returns `None` for `axis=None` (all axes), the string "unknown" when the
    argument is not known, and raises ShapeError("axis") when it is out of
    range or repeated, as numpy does.
    """
    if is_none(value):
        return None
    raw: list[Value]
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        raw = list(value.items)
    else:
        raw = [value]  # type: ignore[list-item]
    axes: list[int] = []
    for item in raw:
        axis = int_of(item)
        if not isinstance(axis, Known) or isinstance(item, Const):
            return "unknown"
        a = axis.value
        if not -ndim <= a < ndim:
            raise ShapeError("axis", f"axis {a} is out of bounds for array of dimension {ndim}")
        axes.append(a % ndim)
    if len(set(axes)) != len(axes):
        raise ShapeError("axis", "repeated axis")
    return tuple(sorted(axes))


# -- constants --


def is_none(value: Value | None) -> bool:
    """True for an argument that is absent or `None`."""
    return value is None or (isinstance(value, Const) and value.value is None)


def given(bound: dict[str, Value], name: str) -> bool:
    """True if the argument `name` was passed and is not `None`."""
    return not is_none(bound.get(name))


def is_bool(value: Value | None) -> bool:
    return isinstance(value, Const) and isinstance(value.value, bool)


def flag(value: Value | None, default: bool) -> bool:
    """A bool argument (`keepdims`, `full_matrices`) that must be a known constant, else give up."""
    if value is None:
        return default
    if is_bool(value):
        return value.value  # type: ignore[union-attr]
    if isinstance(value, Int) and isinstance(value.value, Known) and value.value.value in (0, 1):
        return bool(value.value.value)
    raise GiveUp


def const_value(value: Value | None, default: Any = None) -> Any:
    """A Python constant argument (`keepdims=True`, `order='F'`); `default` when absent.

    Returns the sentinel `NOT_CONSTANT` when the argument is present but unknown.
    """
    if value is None:
        return default
    if isinstance(value, Const):
        return value.value
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    return NOT_CONSTANT


NOT_CONSTANT = object()


__all__ = [
    "NOT_CONSTANT",
    "as_array",
    "const_value",
    "flag",
    "given",
    "is_bool",
    "is_none",
    "length_of",
    "normalize_axis",
    "one_axis",
    "operand",
    "sure_array",
    "to_shape",
]
