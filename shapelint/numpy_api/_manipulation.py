"""Shape rules for numpy's array manipulation: reshape, transpose, join, split, pad, sort...

These functions move elements around without computing with them, so they
keep the input's dtype kind. Where an argument is not understood the rule
answers `UNKNOWN` (or an array of unknown rank); it raises `ShapeError` only
for calls numpy rejects whatever the unknown parts turn out to be.

Not handled (UNKNOWN): `np.unique` with `return_*` flags or `axis`,
`np.split` with a section count that is not a known int, `np.pad` with a
callable mode, reps or repeats that are arrays.
"""

from __future__ import annotations

from math import prod

from ..domain import ONE, UNKNOWN_AXIS, UNKNOWN_SHAPE, Axis, Known, Shape, Sym, Unknown, arith, same_length, size
from ..values import NONE, UNKNOWN, Array, Const, Int, Lst, PyFloat, Tup, Value, int_of, known_int
from ._args import as_array, const_value, is_none, length_of, normalize_axis, one_axis, sure_array, to_shape
from ._dtypes import float_dtype
from ._registry import CallArgs, GiveUp, ShapeError, shape_rule

# A sequence of arrays longer than this is not spelled out item by item.
_MAX_ITEMS = 256


# -- helpers --


def _bind(call: CallArgs, signature: str) -> tuple[dict[str, Value], Array]:
    """The bound arguments and the array numpy makes of the first one; gives up if that is not known."""
    bound = call.bind(signature)
    return bound, sure_array(bound.get(signature.split(",")[0].strip()))


def _like(
    a: Array, axes: tuple[Axis, ...] | list[Axis] | None, *, dtype: object = "keep", explicit: bool = False
) -> Array:
    """An array of `axes` (None: unknown rank) with `a`'s dtype."""
    shape = UNKNOWN_SHAPE if axes is None else Shape(tuple(axes))
    return Array(shape, a.dtype if dtype == "keep" else dtype, explicit=explicit)  # type: ignore[arg-type]


def _axis_list(value: Value | None, ndim: int) -> list[int] | None:
    """An int-or-sequence axis argument, normalised, in the given order (repeats kept)."""
    if value is None:
        return None
    items = list(value.items) if isinstance(value, (Tup, Lst)) and value.items is not None else [value]
    out = []
    for item in items:
        axis = one_axis(item, ndim)
        if axis is None:
            return None
        out.append(axis)
    return out


def _items(value: Value | None) -> tuple[Value, ...] | None:
    if isinstance(value, (Tup, Lst)):
        return value.items
    return None


def _arrays(value: Value | None) -> list[Array]:
    """A sequence-of-arrays argument (`np.concatenate([a, b])`) as arrays; gives up if not known."""
    if isinstance(value, Array):
        # An array is a sequence of its sub-arrays along the first axis.
        axes = value.shape.axes
        if not axes or not isinstance(axes[0], Known) or axes[0].value > _MAX_ITEMS:
            raise GiveUp
        return [Array(Shape(axes[1:]), value.dtype)] * axes[0].value
    items = _items(value)
    if items is None:
        raise GiveUp
    return [sure_array(item) for item in items]


def _joined_dtype(bound: dict[str, Value], arrays: list[Array]) -> str | None:
    """The dtype kind of joined arrays; unknown when `dtype=` is passed (it is not read)."""
    return None if "dtype" in bound else float_dtype(*arrays)


def _merge_equal(axes: list[Axis]) -> Axis | None:
    """The length of axes numpy requires to be equal; None if they certainly differ.

    If the call succeeds they are all one length, so any known or symbolic
    one among them names it.
    """
    known = {a.value for a in axes if isinstance(a, Known)}
    if len(known) > 1:
        return None
    if known:
        return Known(known.pop())
    for a in axes:
        if isinstance(a, Sym):
            return a
    return UNKNOWN_AXIS


def _shape_text(axes: tuple[Axis, ...] | list[Axis]) -> str:
    """A requested shape as numpy prints it in reshape errors: `(5,newaxis)`."""
    parts = ["newaxis" if isinstance(a, Known) and a.value < 0 else str(a) for a in axes]
    return "(" + ",".join(parts) + ("," if len(parts) == 1 else "") + ")"


# -- reshape --


def _reshape(a: Array, target: Shape | None) -> Value:
    if target is None or target.axes is None:
        return UNKNOWN
    axes = list(target.axes)
    total = size(a.shape)
    negative = [i for i, ax in enumerate(axes) if isinstance(ax, Known) and ax.value < 0]
    if len(negative) > 1:
        raise ShapeError("reshape", "can only specify one unknown dimension", size=total, target=tuple(axes))
    others = [ax for i, ax in enumerate(axes) if i not in negative]
    of_size = f"array of size {total}" if isinstance(total, Known) else "array"
    mismatch = ShapeError(
        "reshape", f"cannot reshape {of_size} into shape {_shape_text(axes)}", size=total, target=tuple(axes)
    )
    if negative and Known(0) in others:
        # numpy cannot infer a length next to a zero length, whatever the size.
        raise mismatch
    if isinstance(total, Known) and all(isinstance(ax, Known) for ax in others):
        product = prod(ax.value for ax in others)  # type: ignore[union-attr]
        if (not negative and product != total.value) or (negative and total.value % product):
            raise mismatch
    if negative:
        i = negative[0]
        # numpy 2 infers any negative length; older versions only -1 and
        # raise otherwise, so only -1 gets a length here.
        axes[i] = _quotient(a.shape, others) if axes[i] == Known(-1) else Unknown("negative length")
    explicit = ONE in target.axes or (a.rank == 1 and len(axes) >= 2)
    return _like(a, axes, explicit=explicit)


def _quotient(shape: Shape, others: list[Axis]) -> Axis:
    """The length numpy infers for -1: size(shape) / prod(others), where provable.

    Sound when the call succeeds: numpy then guarantees prod(others) != 0 and
    exact division, so cancelling equal symbols is exact.
    """
    if shape.axes is None:
        return Unknown("unknown rank")
    if not others or all(ax == ONE for ax in others):
        return size(shape)
    c_in, rest = _factor(shape.axes)
    c_out, wanted = _factor(tuple(others))
    if c_in == 0:
        return Known(0)
    for ax in wanted:
        match = next((j for j, r in enumerate(rest) if same_length(ax, r)), None)
        if match is None:
            return Unknown("reshape length not provable")
        del rest[match]
    if c_out == 0 or c_in % c_out:
        return Unknown("reshape length not provable")
    return size(Shape(tuple(rest) + (Known(c_in // c_out),)))


def _factor(axes: tuple[Axis, ...]) -> tuple[int, list[Axis]]:
    constant = 1
    rest: list[Axis] = []
    for ax in axes:
        if isinstance(ax, Known):
            constant *= ax.value
        else:
            rest.append(ax)
    return constant, rest


@shape_rule("numpy.reshape")
def _np_reshape(call: CallArgs) -> Value:
    bound = call.bind("a, shape=None, order='C', *, newshape=None, copy=None")
    a = as_array(bound.get("a"))
    shape = bound.get("shape", bound.get("newshape"))
    if a is None or shape is None:
        return UNKNOWN
    return _reshape(a, to_shape(shape))


@shape_rule("numpy.ndarray.reshape")
def _method_reshape(call: CallArgs) -> Value:
    bound = call.bind("a, *shape, order='C', copy=None")
    if not isinstance(bound.get("a"), Array):
        return UNKNOWN
    a: Array = bound["a"]  # type: ignore[assignment]
    parts = bound["shape"].items
    if len(parts) == 1:
        return _reshape(a, to_shape(parts[0]))
    if parts:
        return _reshape(a, to_shape(Tup(parts)))
    return UNKNOWN


# -- transposes --


def _transpose(a: Array, axes: Value | None) -> Value:
    if is_none(axes):
        return _like(a, None if a.shape.axes is None else a.shape.axes[::-1])
    items = _items(axes) if not isinstance(axes, Int) else (axes,)
    if items is None:
        return UNKNOWN
    if a.shape.axes is None:
        return _like(a, [UNKNOWN_AXIS] * len(items))
    ndim = len(a.shape.axes)
    if len(items) != ndim:
        raise ShapeError("axis", "axes don't match array")
    perm = _axis_list(Tup(items), ndim)
    if perm is None:
        return _like(a, [UNKNOWN_AXIS] * ndim)
    if len(set(perm)) != ndim:
        raise ShapeError("axis", "repeated axis in transpose")
    return _like(a, [a.shape.axes[p] for p in perm])


@shape_rule("numpy.transpose", "numpy.permute_dims")
def _np_transpose(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, axes=None")
    return _transpose(a, bound.get("axes"))


@shape_rule("numpy.ndarray.transpose")
def _method_transpose(call: CallArgs) -> Value:
    bound = call.bind("a, *axes")
    if not isinstance(bound.get("a"), Array):
        return UNKNOWN
    parts = bound["axes"].items
    if not parts:
        return _transpose(bound["a"], None)  # type: ignore[arg-type]
    if len(parts) == 1:
        return _transpose(bound["a"], parts[0])  # type: ignore[arg-type]
    return _transpose(bound["a"], Tup(parts))  # type: ignore[arg-type]


@shape_rule("numpy.ndarray.T")
def _attr_t(call: CallArgs) -> Value:
    a = call.args[0] if len(call.args) == 1 and not call.kwargs else None
    if not isinstance(a, Array):
        return UNKNOWN
    return _transpose(a, None)


@shape_rule("numpy.ndarray.mT")
def _attr_mt(call: CallArgs) -> Value:
    a = call.args[0] if len(call.args) == 1 and not call.kwargs else None
    if not isinstance(a, Array):
        return UNKNOWN
    if a.shape.axes is None:
        return _like(a, None)
    if len(a.shape.axes) < 2:
        raise ShapeError("ndim", "matrix transpose with ndim < 2 is undefined")
    axes = a.shape.axes
    return _like(a, axes[:-2] + (axes[-1], axes[-2]))


@shape_rule("numpy.swapaxes", "numpy.ndarray.swapaxes")
def _swapaxes(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, axis1, axis2")
    if "axis2" not in bound:
        return UNKNOWN
    if a.shape.axes is None:
        return _like(a, None)
    ndim = len(a.shape.axes)
    first = one_axis(bound["axis1"], ndim, "axis1: axis")
    second = one_axis(bound["axis2"], ndim, "axis2: axis")
    if first is None or second is None:
        return _like(a, [UNKNOWN_AXIS] * ndim)
    axes = list(a.shape.axes)
    axes[first], axes[second] = axes[second], axes[first]
    return _like(a, axes)


@shape_rule("numpy.moveaxis")
def _moveaxis(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, source, destination")
    if "destination" not in bound:
        return UNKNOWN
    if a.shape.axes is None:
        return _like(a, None)
    ndim = len(a.shape.axes)
    source = _axis_list(bound["source"], ndim)
    destination = _axis_list(bound["destination"], ndim)
    if source is None or destination is None:
        return _like(a, [UNKNOWN_AXIS] * ndim)
    if len(set(source)) != len(source) or len(set(destination)) != len(destination):
        raise ShapeError("axis", "repeated axis in `source` or `destination` argument")
    if len(source) != len(destination):
        raise ShapeError("axis", "`source` and `destination` arguments must have the same number of elements")
    order = [n for n in range(ndim) if n not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return _like(a, [a.shape.axes[p] for p in order])


# -- adding and removing length-1 axes --


@shape_rule("numpy.expand_dims")
def _expand_dims(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, axis")
    axis = bound.get("axis")
    if is_none(axis):
        return UNKNOWN
    if isinstance(axis, Int):
        count = 1
    elif isinstance(axis, (Tup, Lst)) and axis.items is not None:
        count = len(axis.items)
    else:
        return _like(a, None, explicit=True)
    if a.shape.axes is None:
        return _like(a, None, explicit=True)
    ndim = len(a.shape.axes) + count
    new = normalize_axis(axis, ndim)
    if not isinstance(new, tuple):
        return _like(a, [UNKNOWN_AXIS] * ndim, explicit=True)
    rest = iter(a.shape.axes)
    return _like(a, [ONE if i in new else next(rest) for i in range(ndim)], explicit=True)


@shape_rule("numpy.squeeze", "numpy.ndarray.squeeze")
def _squeeze(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, axis=None")
    if a.shape.axes is None:
        return _like(a, None)
    axes = a.shape.axes
    if not axes:
        # numpy lets a 0-d array "squeeze" axis 0 or -1; keep to the plain cases.
        axis = bound.get("axis")
        plain = const_value(axis, None) in (None, 0, -1) or (isinstance(axis, Tup) and not axis.items)
        return _like(a, ()) if plain else UNKNOWN
    which = normalize_axis(bound.get("axis"), len(axes))
    if which == "unknown":
        return _like(a, None)
    if which is None:
        if any(not isinstance(ax, Known) for ax in axes):
            return _like(a, None)
        return _like(a, [ax for ax in axes if ax != ONE])
    for i in which:  # type: ignore[union-attr]
        if isinstance(axes[i], Known) and axes[i] != ONE:
            raise ShapeError("squeeze", "cannot select an axis to squeeze out which has size not equal to one")
    return _like(a, [ax for i, ax in enumerate(axes) if i not in which])  # type: ignore[operator]


@shape_rule("numpy.ravel", "numpy.ndarray.ravel", "numpy.ndarray.flatten")
def _ravel(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, order='C'")
    return _like(a, (size(a.shape),))


def _atleast(a: Array, n: int) -> Array:
    axes = a.shape.axes
    if axes is None:
        return _like(a, None, explicit=n == 2)
    if len(axes) >= n:
        return _like(a, axes, explicit=n == 2)
    if n == 1 or not axes:
        return _like(a, (ONE,) * n, explicit=n == 2)
    if n == 2:
        return _like(a, (ONE,) + axes, explicit=True)
    # n == 3: (n,) -> (1, n, 1) and (m, n) -> (m, n, 1), as numpy documents.
    return _like(a, ((ONE,) + axes + (ONE,)) if len(axes) == 1 else axes + (ONE,))


def _atleast_rule(n: int):
    def rule(call: CallArgs) -> Value:
        if call.star or call.kwargs or not call.args:
            return UNKNOWN
        arrays = [as_array(v) for v in call.args]
        if any(a is None for a in arrays):
            return UNKNOWN
        results = [_atleast(a, n) for a in arrays]  # type: ignore[arg-type]
        return results[0] if len(results) == 1 else Tup(tuple(results))

    return rule


shape_rule("numpy.atleast_1d")(_atleast_rule(1))
shape_rule("numpy.atleast_2d")(_atleast_rule(2))
shape_rule("numpy.atleast_3d")(_atleast_rule(3))


# -- joining --


def _concatenate(arrays: list[Array], axis: Value | None, dtype: str | None) -> Array:
    if not arrays:
        raise ShapeError("concatenate", "need at least one array to concatenate")
    if is_none(axis) and axis is not None:
        total: Axis = Known(0)
        for a in arrays:
            total = arith("+", total, size(a.shape))
        return Array(Shape((total,)), dtype)
    ranks = {a.rank for a in arrays} - {None}
    if len(ranks) > 1:
        raise ShapeError("concatenate", "all the input arrays must have same number of dimensions")
    if not ranks:
        return Array(UNKNOWN_SHAPE, dtype)
    ndim = ranks.pop()
    if ndim == 0:
        raise ShapeError("concatenate", "zero-dimensional arrays cannot be concatenated")
    where = one_axis(Int(Known(0)) if axis is None else axis, ndim)  # type: ignore[arg-type]
    if where is None:
        return Array(Shape((UNKNOWN_AXIS,) * ndim), dtype)
    known = [a.shape.axes for a in arrays if a.shape.axes is not None]
    out: list[Axis] = []
    for i in range(ndim):
        column = [axes[i] for axes in known]
        if i == where:
            if len(known) < len(arrays):
                out.append(UNKNOWN_AXIS)
                continue
            total = column[0]
            for ax in column[1:]:
                total = arith("+", total, ax)
            out.append(total)
            continue
        merged = _merge_equal(column)
        if merged is None:
            raise ShapeError(
                "concatenate",
                "all the input array dimensions except for the concatenation axis must match exactly, "
                f"but along dimension {i} the arrays have sizes {', '.join(str(c) for c in column)}",
            )
        out.append(merged)
    return Array(Shape(tuple(out)), dtype)


_JOIN = "arrays, axis=0, out=None, *, dtype=None, casting='same_kind'"


@shape_rule("numpy.concatenate")
def _np_concatenate(call: CallArgs) -> Value:
    bound = call.bind(_JOIN)
    if "out" in bound:
        return UNKNOWN
    arrays = _arrays(bound.get("arrays"))
    return _concatenate(arrays, bound.get("axis", Int(Known(0))), _joined_dtype(bound, arrays))


@shape_rule("numpy.stack")
def _stack(call: CallArgs) -> Value:
    bound = call.bind(_JOIN)
    if "out" in bound:
        return UNKNOWN
    arrays = _arrays(bound.get("arrays"))
    if not arrays:
        raise ShapeError("concatenate", "need at least one array to stack")
    dtype = _joined_dtype(bound, arrays)
    ranks = {a.rank for a in arrays} - {None}
    if len(ranks) > 1:
        raise ShapeError("concatenate", "all input arrays must have the same shape")
    if not ranks:
        return Array(UNKNOWN_SHAPE, dtype)
    ndim = ranks.pop()
    known = [a.shape.axes for a in arrays if a.shape.axes is not None]
    merged = [_merge_equal([axes[i] for axes in known]) for i in range(ndim)]
    if None in merged:
        raise ShapeError("concatenate", "all input arrays must have the same shape")
    where = one_axis(bound.get("axis", Int(Known(0))), ndim + 1)
    if where is None:
        return Array(Shape((UNKNOWN_AXIS,) * (ndim + 1)), dtype)
    merged.insert(where, Known(len(arrays)))
    return Array(Shape(tuple(merged)), dtype)  # type: ignore[arg-type]


def _joiner(prepare, axis_for, signature: str = "tup, *, dtype=None, casting='same_kind'"):
    """A rule for the `*stack` helpers: reshape each input, then concatenate."""

    def rule(call: CallArgs) -> Value:
        bound = call.bind(signature)
        arrays = _arrays(bound.get("tup"))
        if not arrays:
            raise ShapeError("concatenate", "need at least one array to concatenate")
        prepared = [prepare(a) for a in arrays]
        axis = axis_for(prepared)
        dtype = _joined_dtype(bound, prepared)
        return Array(UNKNOWN_SHAPE, dtype) if axis is None else _concatenate(prepared, Int(Known(axis)), dtype)

    return rule


def _column(a: Array) -> Array:
    if a.shape.axes is None:
        return _like(a, None)
    if len(a.shape.axes) == 0:
        return _like(a, (ONE, ONE))
    if len(a.shape.axes) == 1:
        return _like(a, a.shape.axes + (ONE,))
    return a


def _hstack_axis(prepared: list[Array]) -> int | None:
    # numpy picks the axis from the first input alone.
    rank = prepared[0].rank
    return None if rank is None else 0 if rank == 1 else 1


shape_rule("numpy.vstack", "numpy.row_stack")(_joiner(lambda a: _atleast(a, 2), lambda _: 0))
shape_rule("numpy.hstack")(_joiner(lambda a: _atleast(a, 1), _hstack_axis))
shape_rule("numpy.dstack")(_joiner(lambda a: _atleast(a, 3), lambda _: 2))
shape_rule("numpy.column_stack")(_joiner(_column, lambda _: 1, "tup"))


# -- repeating --


def _target(value: Value | None) -> Shape:
    """A shape argument (`reps`, `broadcast_to`'s shape) of known rank and no negative length; else give up."""
    shape = to_shape(value)
    if shape is None or shape.axes is None or any(isinstance(t, Known) and t.value < 0 for t in shape.axes):
        raise GiveUp
    return shape


@shape_rule("numpy.tile")
def _tile(call: CallArgs) -> Value:
    bound, a = _bind(call, "A, reps")
    reps = _target(bound.get("reps"))
    if a.shape.axes is None:
        return _like(a, None)
    d = max(len(reps.axes), len(a.shape.axes))
    shape = (ONE,) * (d - len(a.shape.axes)) + a.shape.axes
    times = (ONE,) * (d - len(reps.axes)) + reps.axes
    return _like(a, [arith("*", s, t) for s, t in zip(shape, times)])


@shape_rule("numpy.repeat", "numpy.ndarray.repeat")
def _repeat(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, repeats, axis=None")
    if "repeats" not in bound:
        return UNKNOWN
    axis = bound.get("axis")
    if is_none(axis):
        length, where = size(a.shape), None
    elif a.shape.axes is None:
        return _like(a, None)
    elif not a.shape.axes:
        return UNKNOWN  # numpy treats a 0-d input as 1-d here
    else:
        where = one_axis(axis, len(a.shape.axes))
        if where is None:
            return _like(a, [UNKNOWN_AXIS] * len(a.shape.axes))
        length = a.shape.axes[where]
    out = _repeated_length(length, bound["repeats"])
    if where is None:
        return _like(a, (out,))
    axes = list(a.shape.axes)  # type: ignore[arg-type]
    axes[where] = out
    return _like(a, axes)


def _repeated_length(length: Axis, repeats: Value) -> Axis:
    count = length_of(repeats)
    if count is not None:
        if isinstance(count, Known) and count.value < 0:
            return Unknown("negative repeats")
        return arith("*", length, count)
    items = _items(repeats)
    if items is None:
        return Unknown("repeats")
    values = [known_int(i) for i in items]
    if None in values or any(v < 0 for v in values):  # type: ignore[operator]
        return Unknown("repeats")
    if len(values) == 1:
        return arith("*", length, Known(values[0]))  # type: ignore[arg-type]
    if isinstance(length, Known) and length.value == len(values):
        return Known(sum(values))  # type: ignore[arg-type]
    return Unknown("repeats")


@shape_rule("numpy.broadcast_to")
def _broadcast_to(call: CallArgs) -> Value:
    bound, a = _bind(call, "array, shape, subok=False")
    target = _target(bound.get("shape"))
    out = list(target.axes)  # type: ignore[arg-type]
    if a.shape.axes is not None:
        if len(a.shape.axes) > len(out):
            raise ShapeError("broadcast", f"cannot broadcast an array of shape {a.shape} to shape {target}")
        offset = len(out) - len(a.shape.axes)
        for i, ax in enumerate(a.shape.axes):
            t = out[offset + i]
            if isinstance(ax, Known) and ax.value != 1:
                if isinstance(t, Known) and t.value != ax.value:
                    raise ShapeError("broadcast", f"cannot broadcast an array of shape {a.shape} to shape {target}")
                # A length other than 1 is only stretched to itself.
                if not isinstance(t, Known):
                    out[offset + i] = ax
    return _like(a, out, explicit=True)


# -- same-shape rearrangements --


def _same_shape_with_axis(a: Array, axis: Value | None, *, duplicates: bool = False) -> Value:
    if a.shape.axes is None or is_none(axis):
        return _like(a, a.shape.axes)
    ndim = len(a.shape.axes)
    if duplicates:
        _axis_list(axis, ndim)
    else:
        normalize_axis(axis, ndim)
    return _like(a, a.shape.axes)


@shape_rule("numpy.flip")
def _flip(call: CallArgs) -> Value:
    bound, a = _bind(call, "m, axis=None")
    return _same_shape_with_axis(a, bound.get("axis"))


def _flip_2(least: int, name: str):
    def rule(call: CallArgs) -> Value:
        bound, a = _bind(call, "m")
        if a.rank is not None and a.rank < least:
            raise ShapeError("ndim", f"{name}: Input must be >= {least}-d.")
        return _like(a, a.shape.axes)

    return rule


shape_rule("numpy.fliplr")(_flip_2(2, "fliplr"))
shape_rule("numpy.flipud")(_flip_2(1, "flipud"))


@shape_rule("numpy.roll")
def _roll(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, shift, axis=None")
    if "shift" not in bound:
        return UNKNOWN
    shift, axis = bound["shift"], bound.get("axis")
    shifts = _items(shift)
    if any(length_of(v) is None for v in (shifts if shifts is not None else (shift,))):
        return UNKNOWN
    if not is_none(axis):
        # shift and axis broadcast against each other; a mismatch raises.
        axes = _items(axis)
        n_axes = 1 if axes is None else len(axes)
        n_shifts = 1 if shifts is None else len(shifts)
        # numpy's roll fails on an empty axis tuple.
        if (n_axes != n_shifts and 1 not in (n_axes, n_shifts)) or 0 in (n_axes, n_shifts):
            return UNKNOWN
    return _same_shape_with_axis(a, axis, duplicates=True)


def _sort_like(call: CallArgs, dtype: str | None, method_in_place: bool = False) -> Value:
    bound, a = _bind(call, "a, axis=-1, kind=None, order=None, *, stable=None")
    axis = bound.get("axis", Int(Known(-1)))
    result_dtype = a.dtype if dtype == "keep" else dtype
    if is_none(axis):
        if method_in_place:
            return UNKNOWN
        return Array(Shape((size(a.shape),)), result_dtype)
    if a.shape.axes is None:
        return NONE if method_in_place else Array(UNKNOWN_SHAPE, result_dtype)
    if not a.shape.axes and dtype == "i":
        # argsort of a 0-d array ravels it (shape (1,)) instead of raising.
        return Array(UNKNOWN_SHAPE, result_dtype)
    normalize_axis(axis, len(a.shape.axes))
    return NONE if method_in_place else Array(a.shape, result_dtype)


@shape_rule("numpy.sort")
def _sort(call: CallArgs) -> Value:
    return _sort_like(call, "keep")


@shape_rule("numpy.argsort", "numpy.ndarray.argsort")
def _argsort(call: CallArgs) -> Value:
    return _sort_like(call, "i")


@shape_rule("numpy.ndarray.sort")
def _method_sort(call: CallArgs) -> Value:
    # Sorts in place and returns None; run for its axis check.
    return _sort_like(call, "keep", method_in_place=True)


@shape_rule("numpy.triu", "numpy.tril")
def _triangle(call: CallArgs) -> Value:
    bound, a = _bind(call, "m, k=0")
    if a.shape.axes is None:
        return _like(a, None)
    if not a.shape.axes:
        return UNKNOWN  # numpy fails on 0-d input, with a TypeError
    if len(a.shape.axes) == 1:
        # The (n, n) mask broadcasts a 1-d input to a square.
        return _like(a, a.shape.axes * 2)
    return _like(a, a.shape.axes)


# -- results of data-dependent length --


def _count_of(a: Array) -> Axis:
    """The number of selected elements: 0 for an empty input, else unknown."""
    return Known(0) if size(a.shape) == Known(0) else Unknown("data-dependent length")


@shape_rule("numpy.unique")
def _unique(call: CallArgs) -> Value:
    bound, a = _bind(
        call,
        "ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, sorted=True",
    )
    for flag in ("return_index", "return_inverse", "return_counts"):
        if const_value(bound.get(flag), False) is not False:
            return UNKNOWN
    if not is_none(bound.get("axis", NONE)):
        return UNKNOWN
    return _unique_values(a)


def _unique_values(a: Array) -> Array:
    total = size(a.shape)
    length = total if total in (Known(0), ONE) else Unknown("data-dependent length")
    return _like(a, (length,))


@shape_rule("numpy.unique_values")
def _np_unique_values(call: CallArgs) -> Value:
    return _unique_values(_bind(call, "x")[1])


@shape_rule("numpy.nonzero", "numpy.ndarray.nonzero")
def _nonzero(call: CallArgs) -> Value:
    _, a = _bind(call, "a")
    if not a.shape.axes:
        # 0-d input: an error in numpy 2, a 1-tuple in older versions.
        return UNKNOWN
    count = _count_of(a)
    return Tup(tuple(Array(Shape((count,)), "i") for _ in a.shape.axes))  # type: ignore[union-attr]


@shape_rule("numpy.flatnonzero")
def _flatnonzero(call: CallArgs) -> Value:
    return Array(Shape((_count_of(_bind(call, "a")[1]),)), "i")


@shape_rule("numpy.argwhere")
def _argwhere(call: CallArgs) -> Value:
    bound, a = _bind(call, "a")
    rank = UNKNOWN_AXIS if a.rank is None else Known(a.rank)
    return Array(Shape((_count_of(a), rank)), "i")


# -- diagonals and padding --


@shape_rule("numpy.diag")
def _diag(call: CallArgs) -> Value:
    bound, a = _bind(call, "v, k=0")
    if a.shape.axes is None:
        return _like(a, None)
    k_value = bound.get("k", Int(Known(0)))
    if int_of(k_value) is None or isinstance(k_value, Const):
        return UNKNOWN
    k = known_int(k_value)
    axes = a.shape.axes
    if len(axes) == 1:
        side = UNKNOWN_AXIS if k is None else arith("+", axes[0], Known(abs(k)))
        return _like(a, (side, side))
    if len(axes) == 2:
        return _like(a, (_diagonal_length(axes[0], axes[1], k),))
    raise ShapeError("ndim", "Input must be 1- or 2-d.")


def _diagonal_length(rows: Axis, cols: Axis, k: int | None) -> Axis:
    if k == 0 and same_length(rows, cols):
        return rows
    if k is None or not isinstance(rows, Known) or not isinstance(cols, Known):
        return Unknown("diagonal length")
    m, n = rows.value, cols.value
    return Known(max(0, min(m, n - k)) if k >= 0 else max(0, min(m + k, n)))


_PAD_KWARGS = {
    "constant": {"constant_values"},
    "edge": set(),
    "linear_ramp": {"end_values"},
    "maximum": {"stat_length"},
    "mean": {"stat_length"},
    "median": {"stat_length"},
    "minimum": {"stat_length"},
    "reflect": {"reflect_type"},
    "symmetric": {"reflect_type"},
    "wrap": set(),
    "empty": set(),
}


def _int_grid(value: Value) -> tuple[tuple[int, ...], list[Axis]] | None:
    """An int or nested sequence of ints as (shape, flat axes); None if not that."""
    if isinstance(value, Int):
        return (), [value.value]
    items = _items(value)
    if items is None:
        return None
    parts = [_int_grid(item) for item in items]
    if any(p is None for p in parts) or len({p[0] for p in parts}) > 1:  # type: ignore[index]
        return None
    inner = parts[0][0] if parts else ()  # type: ignore[index]
    return (len(items),) + inner, [ax for p in parts for ax in p[1]]  # type: ignore[union-attr]


@shape_rule("numpy.pad")
def _pad(call: CallArgs) -> Value:
    bound, a = _bind(
        call,
        "array, pad_width, mode='constant', *, "
        "constant_values=None, stat_length=None, reflect_type=None, end_values=None",
    )
    if "pad_width" not in bound:
        return UNKNOWN
    grid = _int_grid(bound["pad_width"])
    if grid is None:
        return UNKNOWN
    mode = const_value(bound.get("mode"), "constant")
    if not isinstance(mode, str) or mode not in _PAD_KWARGS:
        return UNKNOWN
    extra = set(bound) - {"array", "pad_width", "mode"}  # type: ignore[arg-type]
    if not extra <= _PAD_KWARGS[mode]:
        return UNKNOWN
    grid_shape, widths = grid
    if any(isinstance(w, Known) and w.value < 0 for w in widths):
        raise ShapeError("pad", "index can't contain negative values")
    if a.shape.axes is None:
        return _like(a, None)
    ndim = len(a.shape.axes)
    if len(grid_shape) > 2:
        raise ShapeError("pad", f"pad_width of shape {grid_shape} cannot be broadcast to ({ndim}, 2)")
    rows, cols = ((1, 1) + grid_shape)[-2:]
    if rows not in (1, ndim) or cols not in (1, 2):
        raise ShapeError("pad", f"pad_width of shape {grid_shape} cannot be broadcast to ({ndim}, 2)")

    def width(axis: int, side: int) -> Axis:
        return widths[(axis if rows > 1 else 0) * cols + (side if cols > 1 else 0)]

    out = []
    for i, ax in enumerate(a.shape.axes):
        before, after = width(i, 0), width(i, 1)
        if mode not in ("constant", "empty") and ax == Known(0):
            if any(isinstance(w, Known) and w.value > 0 for w in (before, after)):
                raise ShapeError("pad", f"can't extend empty axis {i} using modes other than 'constant' or 'empty'")
        out.append(arith("+", arith("+", ax, before), after))
    return _like(a, out)


# -- splitting --


def _split(a: Array, sections: Value, axis_value: Value | None, *, equal: bool) -> Value:
    if a.shape.axes is None or not a.shape.axes:
        return UNKNOWN
    axis = one_axis(axis_value if axis_value is not None else Int(Known(0)), len(a.shape.axes))
    if axis is None:
        return UNKNOWN
    length = a.shape.axes[axis]
    pieces: list[Axis]
    count = length_of(sections)
    if count is not None:
        if not isinstance(count, Known) or not 0 < count.value <= _MAX_ITEMS:
            return UNKNOWN
        n = count.value
        if isinstance(length, Known):
            each, extra = divmod(length.value, n)
            if equal and extra:
                raise ShapeError("split", "array split does not result in an equal division")
            pieces = [Known(each + 1)] * extra + [Known(each)] * (n - extra)
        elif equal or n == 1:
            # An unequal split raises, so each piece is exactly length // n.
            pieces = [arith("//", length, count)] * n
        else:
            pieces = [UNKNOWN_AXIS] * n
    else:
        items = _items(sections)
        if items is None or len(items) >= _MAX_ITEMS:
            return UNKNOWN
        bounds = [known_int(i) for i in items]
        if any(b is None or isinstance(i, Const) for b, i in zip(bounds, items)):
            return UNKNOWN
        if isinstance(length, Known):
            points = [0, *bounds, length.value]
            # Each piece is `ary[start:stop]`, with Python's slice rules.
            pieces = [Known(len(range(*slice(s, e).indices(length.value)))) for s, e in zip(points, points[1:])]
        else:
            pieces = [length] if not items else [UNKNOWN_AXIS] * (len(items) + 1)
    out = []
    for piece in pieces:
        axes = list(a.shape.axes)
        axes[axis] = piece
        out.append(_like(a, axes))
    return Lst(tuple(out))


def _split_rule(*, equal: bool):
    def rule(call: CallArgs) -> Value:
        bound, a = _bind(call, "ary, indices_or_sections, axis=0")
        if "indices_or_sections" not in bound:
            return UNKNOWN
        return _split(a, bound["indices_or_sections"], bound.get("axis"), equal=equal)

    return rule


shape_rule("numpy.split")(_split_rule(equal=True))
shape_rule("numpy.array_split")(_split_rule(equal=False))


def _directional_split(name: str, least: int, axis_for):
    def rule(call: CallArgs) -> Value:
        bound, a = _bind(call, "ary, indices_or_sections")
        if "indices_or_sections" not in bound:
            return UNKNOWN
        if a.rank is None:
            return UNKNOWN
        if a.rank < least:
            raise ShapeError("ndim", f"{name} only works on arrays of {least} or more dimensions")
        return _split(a, bound["indices_or_sections"], Int(Known(axis_for(a.rank))), equal=True)

    return rule


shape_rule("numpy.hsplit")(_directional_split("hsplit", 1, lambda rank: 1 if rank > 1 else 0))
shape_rule("numpy.vsplit")(_directional_split("vsplit", 2, lambda rank: 0))
shape_rule("numpy.dsplit")(_directional_split("dsplit", 3, lambda rank: 2))


# -- grids and differences --


@shape_rule("numpy.meshgrid")
def _meshgrid(call: CallArgs) -> Value:
    bound = call.bind("*xi, copy=True, sparse=False, indexing='xy'")
    arrays = [as_array(x) for x in bound["xi"].items]
    sparse = const_value(bound.get("sparse"), False)
    indexing = const_value(bound.get("indexing"), "xy")
    if any(a is None for a in arrays) or sparse not in (True, False) or indexing not in ("xy", "ij"):
        return UNKNOWN
    n = len(arrays)
    # Position of each input's axis in the output; 'xy' swaps the first two.
    position = list(range(n))
    if indexing == "xy" and n > 1:
        position[0], position[1] = 1, 0
    lengths: list[Axis] = [ONE] * n
    for i, a in enumerate(arrays):
        lengths[position[i]] = size(a.shape)  # type: ignore[union-attr]
    out = []
    for i, a in enumerate(arrays):
        if sparse:
            axes = [ONE] * n
            axes[position[i]] = lengths[position[i]]
        else:
            axes = lengths
        out.append(_like(a, axes))  # type: ignore[arg-type]
    return Tup(tuple(out))


@shape_rule("numpy.diff")
def _diff(call: CallArgs) -> Value:
    bound, a = _bind(call, "a, n=1, axis=-1, prepend=None, append=None")
    n = known_int(bound.get("n", Int(Known(1))))
    if n is None or isinstance(bound.get("n"), Const):
        return UNKNOWN
    if n < 0:
        raise ShapeError("value", f"order must be non-negative but got {n}")
    if n == 0:
        return _like(a, a.shape.axes)
    if a.shape.axes is None:
        return _like(a, None)
    ndim = len(a.shape.axes)
    if ndim == 0:
        raise ShapeError("ndim", "diff requires input that is at least one dimensional")
    axis = one_axis(bound.get("axis", Int(Known(-1))), ndim)
    if axis is None:
        return _like(a, [UNKNOWN_AXIS] * ndim)
    axes = list(a.shape.axes)
    length = axes[axis]
    dtype: str | None = a.dtype
    for key in ("prepend", "append"):
        if key not in bound:
            continue
        dtype = None
        extra = bound[key]
        if isinstance(extra, (Int, PyFloat)) or (isinstance(extra, Const) and isinstance(extra.value, (bool, float))):
            length = arith("+", length, ONE)
            continue
        other = as_array(extra)
        if other is None or other.shape.axes is None:
            return _like(a, [UNKNOWN_AXIS] * ndim, dtype=None)
        if not other.shape.axes:
            length = arith("+", length, ONE)
            continue
        if len(other.shape.axes) != ndim:
            return _like(a, [UNKNOWN_AXIS] * ndim, dtype=None)
        for i in range(ndim):
            if i == axis:
                length = arith("+", length, other.shape.axes[i])
            else:
                merged = _merge_equal([axes[i], other.shape.axes[i]])
                axes[i] = UNKNOWN_AXIS if merged is None else merged
    if isinstance(length, Known):
        axes[axis] = Known(max(length.value - n, 0))
    else:
        # The symbol `len - n` is exact whenever the length is at least n; a
        # shorter axis gives 0, a case a length named `len - n` cannot meet
        # anywhere else without numpy raising.
        axes[axis] = arith("-", length, Known(n))
    return _like(a, axes, dtype=dtype)


__all__: list[str] = []
