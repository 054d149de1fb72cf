"""The value of a subscript `base[index]`, for arrays and for Python tuples and lists.

`index` is the abstract subscript: one value, or a `Tup` for `a[i, j]`. Array
indexing follows numpy's rules: ints drop an axis, slices keep it (with a
length when the bounds and the axis are known), `None` adds a length-1 axis,
`...` fills, boolean masks take as many axes as they have and give one axis
of data-dependent length, and integer arrays index with numpy's advanced
rules, including the one that moves the result axes of separated advanced
indices to the front:

>>> from shapelint.domain import shape_of
>>> from shapelint.values import Array, Int, SliceV, NONE, Tup
>>> from shapelint.domain import Known
>>> str(index_result(Array(shape_of(3, 4)), Tup((SliceV(NONE, NONE, NONE), Int(Known(0))))).shape)
'(3,)'

A Python tuple or list indexed by an int gives its item (`X.shape[0]`).
Whatever is not understood (indices of unknown dtype, arrays of unknown rank
indexed with anything but `()`/`...`) gives `UNKNOWN`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from ..domain import ONE, UNKNOWN_SHAPE, Axis, Known, Shape, Unknown, broadcast, format_shape, size
from ..values import UNKNOWN, Array, Const, Int, Lst, SliceV, Tup, Value, int_of, join
from ._args import as_array, length_of
from ._registry import ShapeError

__all__ = ["index_result"]


def index_result(base: Value, index: Value) -> Value:
    """The abstract value of `base[index]`; raises ShapeError where indexing certainly fails."""
    if isinstance(base, Array):
        return _index_array(base, index)
    if isinstance(base, (Tup, Lst)):
        return _index_sequence(base, index)
    return UNKNOWN


# -- Python tuples and lists --


def _index_sequence(base: Tup | Lst, index: Value) -> Value:
    items = base.items
    if items is None:
        return UNKNOWN
    kind = "tuple" if isinstance(base, Tup) else "list"
    if isinstance(index, SliceV):
        bounds = [_slice_bound(v) for v in (index.start, index.stop, index.step)]
        if any(b is _UNKNOWN_BOUND for b in bounds):
            return UNKNOWN if isinstance(base, Tup) else Lst(None)
        if bounds[2] == 0:
            raise ShapeError("index", "slice step cannot be zero")
        picked = items[slice(*bounds)]  # type: ignore[misc]
        return Tup(picked) if isinstance(base, Tup) else Lst(picked)
    axis = _int_index(index)
    if axis is None:
        return UNKNOWN
    if isinstance(axis, Known):
        if not -len(items) <= axis.value < len(items):
            raise ShapeError("index", f"{kind} index out of range")
        return items[axis.value]
    if not items:
        raise ShapeError("index", f"{kind} index out of range")
    # An unknown position still picks one of the items.
    return reduce(join, items)


def _int_index(index: Value) -> Axis | None:
    """The position an int-like index stands for (bools and numpy ints too), else None."""
    return int_of(index) if isinstance(index, Const) else length_of(index)


_UNKNOWN_BOUND = object()


def _slice_bound(value: Value) -> object:
    """A slice bound as an int or None, or `_UNKNOWN_BOUND`."""
    if isinstance(value, Const) and value.value is None:
        return None
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    return _UNKNOWN_BOUND


# -- arrays --


@dataclass(frozen=True)
class _Entry:
    """One item of an array subscript, classified.

    kind: "int", "slice", "new", "ellipsis", "mask" or "array". `shape` is the
    index array's shape ("mask": the mask's shape), `count` a mask's number of
    selected elements, `values` the known ints of an integer index list.
    """

    kind: str
    value: Value | None = None
    shape: Shape | None = None
    count: Axis | None = None
    values: tuple[int, ...] | None = None


def _classify(item: Value) -> _Entry | None:
    if isinstance(item, Const):
        if item.value is None:
            return _Entry("new")
        if item.value is Ellipsis:
            return _Entry("ellipsis")
        if isinstance(item.value, bool):
            # A Python bool is a 0-d mask: one new axis of length 1 or 0.
            return _Entry("mask", shape=Shape(()), count=Known(int(item.value)))
        return None
    if isinstance(item, Int):
        return _Entry("int", item)
    if isinstance(item, SliceV):
        return _Entry("slice", item)
    if isinstance(item, Array):
        return _classify_array(item, None)
    if isinstance(item, (Tup, Lst)):
        if item.items is None:
            return None
        if not item.items:
            return _Entry("array", shape=Shape((Known(0),)))
        return _classify_array(as_array(item), _flat_ints(item))
    return None


def _classify_array(array: Array | None, values: tuple[int, ...] | None) -> _Entry | None:
    if array is None or array.shape.axes is None:
        return None
    if array.dtype == "b":
        count = Known(0) if size(array.shape) == Known(0) else Unknown("mask count")
        return _Entry("mask", shape=array.shape, count=count)
    if array.dtype != "i":
        return None
    if not array.shape.axes:
        return _Entry("int", array)
    return _Entry("array", shape=array.shape, values=values)


def _flat_ints(value: Value) -> tuple[int, ...] | None:
    """All the ints of a (nested) list of known ints, else None."""
    if isinstance(value, Int):
        return (value.value.value,) if isinstance(value.value, Known) else None
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        out: list[int] = []
        for item in value.items:
            inner = _flat_ints(item)
            if inner is None:
                return None
            out.extend(inner)
        return tuple(out)
    return None


def _consumed(entry: _Entry) -> int:
    if entry.kind in ("int", "slice", "array"):
        return 1
    if entry.kind == "mask":
        return len(entry.shape.axes)  # type: ignore[union-attr, arg-type]
    return 0


def _index_array(base: Array, index: Value) -> Value:
    raw = index.items if isinstance(index, Tup) else (index,)
    entries = [_classify(item) for item in raw]
    if any(e is None for e in entries):
        return UNKNOWN
    entries_: list[_Entry] = entries  # type: ignore[assignment]
    if sum(e.kind == "ellipsis" for e in entries_) > 1:
        raise ShapeError("index", "an index can only have a single ellipsis ('...')")
    explicit = any(e.kind == "new" for e in entries_)
    if base.shape.axes is None:
        if all(e.kind == "ellipsis" for e in entries_):
            return Array(base.shape, base.dtype)
        return Array(UNKNOWN_SHAPE, base.dtype, explicit=explicit)
    axes = base.shape.axes
    ndim = len(axes)
    consumed = sum(_consumed(e) for e in entries_)
    if consumed > ndim:
        raise ShapeError(
            "index", f"too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed"
        )
    advanced = [e for e in entries_ if e.kind in ("mask", "array")]
    index_arrays = len(advanced)

    # Walk the subscript, giving each entry the base axes it consumes. The
    # ellipsis stays in the walk as one entry: numpy counts it as a separator
    # between advanced indices even when it stands for no axis.
    pieces: list[tuple[bool, tuple[Axis, ...]]] = []  # (advanced?, result axes or index shape)
    position = 0
    to_check: list[tuple[_Entry, Axis, int]] = []
    for entry in entries_:
        if entry.kind == "ellipsis":
            fill = ndim - consumed
            pieces.append((False, axes[position : position + fill]))
            position += fill
        elif entry.kind == "new":
            pieces.append((False, (ONE,)))
        elif entry.kind == "slice":
            pieces.append((False, (_slice_length(axes[position], entry.value),)))  # type: ignore[arg-type]
            position += 1
        elif entry.kind == "int":
            _check_int(entry.value, axes[position], position)  # type: ignore[arg-type]
            if index_arrays:
                # Next to an index array an int is a 0-d index array.
                pieces.append((True, ()))
            position += 1
        elif entry.kind == "mask":
            rank = len(entry.shape.axes)  # type: ignore[union-attr, arg-type]
            _check_mask(entry.shape, axes[position : position + rank], position)  # type: ignore[arg-type]
            pieces.append((True, (entry.count,)))  # type: ignore[arg-type]
            position += rank
        else:
            to_check.append((entry, axes[position], position))
            pieces.append((True, entry.shape.axes))  # type: ignore[union-attr, arg-type]
            position += 1
    pieces.append((False, axes[position:]))

    if not index_arrays:
        out = tuple(ax for _, part in pieces for ax in part)
        return Array(Shape(out), base.dtype, explicit=explicit)

    shapes = [Shape(part) for is_adv, part in pieces if is_adv]
    joined = broadcast(shapes)
    if joined.error is not None:
        raise ShapeError(
            "index",
            "shape mismatch: indexing arrays could not be broadcast together with shapes "
            + " ".join(format_shape(s) for s in shapes),
        )
    if joined.shape.axes is None:
        return Array(UNKNOWN_SHAPE, base.dtype, explicit=explicit)
    advanced_axes = joined.shape.axes
    if index_arrays > 1 and any(e.kind == "mask" and not isinstance(e.count, Known) for e in entries_):
        # A mask's count broadcast against another index array: the result
        # would take the other's length only on the runs where they agree.
        advanced_axes = tuple(Unknown("mask count") for _ in advanced_axes)
    total = size(joined.shape)
    if isinstance(total, Known) and total.value > 0:
        # numpy checks index arrays element by element, so only when the
        # broadcast result is not empty; then every element is looked at.
        for entry, axis, at in to_check:
            for value in entry.values or ():
                _check_bound(value, axis, at)
            if axis == Known(0):
                raise ShapeError("index", f"index is out of bounds for axis {at} with size 0")
    flags = [is_adv for is_adv, _ in pieces]
    first = flags.index(True)
    last = len(flags) - 1 - flags[::-1].index(True)
    # Any slice, None or ellipsis between two advanced indices separates them,
    # an ellipsis even when it stands for no axis (test_separating_ellipsis).
    adjacent = all(flags[first : last + 1])
    before = tuple(ax for is_adv, part in pieces[:first] if not is_adv for ax in part)
    after = tuple(ax for is_adv, part in pieces[first:] if not is_adv for ax in part)
    out = before + advanced_axes + after if adjacent else advanced_axes + before + after
    return Array(Shape(out), base.dtype, explicit=explicit)


def _check_bound(value: int, axis: Axis, position: int) -> None:
    if isinstance(axis, Known) and not -axis.value <= value < axis.value:
        raise ShapeError("index", f"index {value} is out of bounds for axis {position} with size {axis.value}")


def _check_int(index: Value, axis: Axis, position: int) -> None:
    value = int_of(index)
    if isinstance(value, Known):
        _check_bound(value.value, axis, position)
    elif axis == Known(0):
        raise ShapeError("index", f"index is out of bounds for axis {position} with size 0")


def _check_mask(mask: Shape, axes: tuple[Axis, ...], position: int) -> None:
    for j, (m, a) in enumerate(zip(mask.axes, axes)):  # type: ignore[arg-type]
        # numpy lets a mask axis of length 0 stand against any length (test_masks).
        if isinstance(m, Known) and isinstance(a, Known) and m.value not in (0, a.value):
            raise ShapeError(
                "index",
                f"boolean index did not match indexed array along axis {position + j}; "
                f"size of axis is {a.value} but size of corresponding boolean axis is {m.value}",
            )


def _slice_length(axis: Axis, s: SliceV) -> Axis:
    start, stop, step = (_slice_bound(v) for v in (s.start, s.stop, s.step))
    if step == 0:
        raise ShapeError("index", "slice step cannot be zero")
    if stop is None and (
        (start in (None, 0) and step in (None, 1)) or (start is None and step == -1)
    ):
        return axis
    if isinstance(axis, Known) and _UNKNOWN_BOUND not in (start, stop, step):
        return Known(len(range(*slice(start, stop, step).indices(axis.value))))  # type: ignore[arg-type]
    return Unknown("slice length")
