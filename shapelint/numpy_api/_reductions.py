"""Shape rules for numpy reductions: sums, means, extrema, norms, cumulative sums.

A reduction drops the axes it reduces, or keeps them with length 1 under
`keepdims=True`; `axis=None` reduces everything to a numpy scalar (shape
`()`). An un-kept reduction over known axes that leaves rank >= 1 carries
`Reduced` provenance, which rule SL007 reads to spot `A / A.sum(axis=1)`.

>>> from shapelint.domain import shape_of
>>> str(reduce_shape(shape_of(3, 4), (Int(Known(1)),), True, False)[0])
'(3,)'

Not handled (the rule answers UNKNOWN): `out=`, `where=`, `mean=` of
`std`/`var`, a list as `axis` (numpy raises for most reductions but not all),
an int `axis` on a 0-d array (numpy accepts `axis=0` there for `sum` but not
for `mean`), a `keepdims` that is not a known constant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..domain import ONE, SCALAR, UNKNOWN_SHAPE, Known, Shape, Unknown, same_length, same_shape, size
from ..values import UNKNOWN, Array, Const, Int, Reduced, Tup, Value, known_int
from ._registry import CallArgs, ShapeError, as_array, normalize_axis, shape_rule


class _GiveUp(Exception):
    """The rule cannot be sure of the answer; the registered rule returns UNKNOWN."""


def _given(bound: dict[str, Value], name: str) -> bool:
    """True if the argument was passed and is not `None`."""
    value = bound.get(name)
    return value is not None and not (isinstance(value, Const) and value.value is None)


def _flag(value: Value | None, default: bool) -> bool:
    """A bool argument (`keepdims`, `returned`) that must be a known constant."""
    if value is None:
        return default
    if isinstance(value, Const) and isinstance(value.value, bool):
        return value.value
    if isinstance(value, Int) and isinstance(value.value, Known) and value.value.value in (0, 1):
        return bool(value.value.value)
    raise _GiveUp


def _is_int_like(value: Value) -> bool:
    return isinstance(value, Int) or (isinstance(value, Array) and value.shape.axes == () and value.dtype == "i")


def _axis_items(value: Value | None, *, tuple_ok: bool) -> tuple[tuple[Value, ...] | None, bool]:
    """The items of an `axis` argument (None for all axes) and whether it was a single int."""
    if value is None or (isinstance(value, Const) and value.value is None):
        return None, False
    if isinstance(value, Tup):
        if not tuple_ok:
            raise ShapeError("axis", "axis must be an int here: 'tuple' object cannot be interpreted as an integer")
        items, single = value.items, False
    elif _is_int_like(value):
        items, single = (value,), True
    else:
        raise _GiveUp
    if not all(_is_int_like(item) for item in items):
        raise _GiveUp
    return items, single


def _unknown_axes_result(shape: Shape, count: int, keepdims: bool) -> Shape:
    # Which axes go is not known, only how many; lengths survive only where
    # every axis has the same length.
    axes = shape.axes or ()
    if count > len(axes):
        raise _GiveUp
    uniform = bool(axes) and all(same_length(a, axes[0]) for a in axes)
    if keepdims:
        return Shape(tuple(a if a == ONE else Unknown("reduced axis not known") for a in axes))
    fill = axes[0] if uniform else Unknown("reduced axis not known")
    return Shape((fill,) * (len(axes) - count))


def reduce_shape(
    shape: Shape, items: tuple[Value, ...] | None, single: bool, keepdims: bool
) -> tuple[Shape, tuple[int, ...] | None]:
    """The shape after reducing `items` (None: all axes), and the reduced axes if known.

    Raises ShapeError("axis") for an axis out of range or repeated, as numpy does.
    """
    if shape.axes is None:
        if items is None and not keepdims:
            return SCALAR, None
        return UNKNOWN_SHAPE, None
    rank = len(shape.axes)
    if items is None:
        reduced: tuple[int, ...] = tuple(range(rank))
    elif rank == 0 and items:
        known = [known_int(item) for item in items]
        # numpy's reductions disagree on `axis=0` / `axis=-1` for 0-d input.
        if None in known or (single and known[0] in (0, -1)):
            raise _GiveUp
        normalize_axis(Tup(items), 0)  # raises: any other axis is out of range
        raise _GiveUp
    else:
        normalized = normalize_axis(Tup(items), rank)
        if not isinstance(normalized, tuple):
            return _unknown_axes_result(shape, len(items), keepdims), None
        reduced = normalized
    if keepdims:
        out = tuple(ONE if i in reduced else a for i, a in enumerate(shape.axes))
    else:
        out = tuple(a for i, a in enumerate(shape.axes) if i not in reduced)
    return Shape(out), reduced


def _provenance(shape: Shape, result: Shape, reduced: tuple[int, ...] | None, keepdims: bool) -> Reduced | None:
    if keepdims or not reduced or shape.rank is None or result.rank is None or result.rank < 1:
        return None
    return Reduced(source_rank=shape.rank, axes=reduced)


def _result_dtype(kind: str, source: str | None, dtype_given: bool) -> str | None:
    if dtype_given:
        return None
    if kind == "sum":  # sums and products promote bool to int
        return {"b": "i", "i": "i", "f": "f"}.get(source or "")
    if kind == "same":
        return source
    return {"float": "f", "bool": "b", "int": "i"}[kind]


def _empty_reduction(shape: Shape, reduced: tuple[int, ...] | None) -> bool:
    """True if a reduced axis certainly has length 0."""
    if shape.axes is None or reduced is None:
        return False
    return any(shape.axes[i] == Known(0) for i in reduced)


@dataclass(frozen=True)
class _Spec:
    """How one reduction behaves, as far as shapes and dtypes go."""

    signature: str
    dtype: str  # "sum", "same", "float", "bool" or "int"
    tuple_axis: bool = True
    no_identity: str | None = None  # the ufunc name when an empty reduction raises
    provenance: bool = True
    bool_raises: bool = False  # `ptp` subtracts, which numpy refuses for bool
    empty_axis_tuple: bool = True  # `median(a, axis=())` fails on empty arrays


def _apply(spec: _Spec, call: CallArgs) -> Value:
    bound = call.bind(spec.signature)
    if bound is None:
        raise _GiveUp
    a = as_array(bound.get("a"))
    if a is None:
        raise _GiveUp
    if _given(bound, "out") or _given(bound, "mean"):
        raise _GiveUp
    where = bound.get("where")
    if where is not None and not (isinstance(where, Const) and where.value is True):
        raise _GiveUp
    if _given(bound, "ddof") and _given(bound, "correction"):
        raise _GiveUp
    if spec.bool_raises and a.dtype == "b":
        raise _GiveUp
    keepdims = _flag(bound.get("keepdims"), False)
    items, single = _axis_items(bound.get("axis"), tuple_ok=spec.tuple_axis)
    if items == () and not spec.empty_axis_tuple:
        raise _GiveUp
    shape, reduced = reduce_shape(a.shape, items, single, keepdims)
    if spec.no_identity and not _given(bound, "initial") and _empty_reduction(a.shape, reduced):
        raise ShapeError(
            "reduction",
            f"zero-size array to reduction operation {spec.no_identity} which has no identity (shape {a.shape})",
        )
    dtype = _result_dtype(spec.dtype, a.dtype, _given(bound, "dtype"))
    prov = _provenance(a.shape, shape, reduced, keepdims) if spec.provenance else None
    return Array(shape, dtype, reduced=prov)


def _rule(spec: _Spec):
    def rule(call: CallArgs) -> Value:
        try:
            return _apply(spec, call)
        except _GiveUp:
            return UNKNOWN

    return rule


def _register(spec: _Spec, *qualnames: str) -> None:
    shape_rule(*qualnames)(_rule(spec))


_SUM = "a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True"
_MEAN = "a, axis=None, dtype=None, out=None, keepdims=False, *, where=True"
_MAX = "a, axis=None, out=None, keepdims=False, initial=None, where=True"
_ARG = "a, axis=None, out=None, *, keepdims=False"
_ANY = "a, axis=None, out=None, keepdims=False, *, where=True"
_STD = "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None, correction=None"
# The methods lack `correction`, and `any`/`all` take a keyword `dtype`.
_STD_METHOD = "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None"
_ANY_METHOD = "a, axis=None, out=None, keepdims=False, *, where=True, dtype=None"

_register(_Spec(_SUM, "sum"), "numpy.sum", "numpy.ndarray.sum")
_register(_Spec(_SUM, "sum"), "numpy.prod", "numpy.ndarray.prod")
_register(_Spec(_SUM, "sum"), "numpy.nansum")
_register(_Spec(_MEAN, "float"), "numpy.mean", "numpy.ndarray.mean")
_register(_Spec(_MEAN, "float"), "numpy.nanmean")
_register(_Spec(_MAX, "same", no_identity="maximum"), "numpy.max", "numpy.amax", "numpy.ndarray.max")
_register(_Spec(_MAX, "same", no_identity="minimum"), "numpy.min", "numpy.amin", "numpy.ndarray.min")
_register(_Spec(_MAX, "same", no_identity="fmax"), "numpy.nanmax")
_register(_Spec(_MAX, "same", no_identity="fmin"), "numpy.nanmin")
_register(
    _Spec(_ARG, "int", tuple_axis=False, no_identity="argmax", provenance=False),
    "numpy.argmax",
    "numpy.ndarray.argmax",
)
_register(
    _Spec(_ARG, "int", tuple_axis=False, no_identity="argmin", provenance=False),
    "numpy.argmin",
    "numpy.ndarray.argmin",
)
_register(_Spec(_STD, "float"), "numpy.std", "numpy.var")
_register(_Spec(_STD_METHOD, "float"), "numpy.ndarray.std", "numpy.ndarray.var")
_register(_Spec(_ANY, "bool"), "numpy.any", "numpy.all")
_register(_Spec(_ANY_METHOD, "bool"), "numpy.ndarray.any", "numpy.ndarray.all")
_register(
    _Spec("a, axis=None, out=None, overwrite_input=False, keepdims=False", "float", empty_axis_tuple=False),
    "numpy.median",
)
_register(_Spec("a, axis=None, *, keepdims=False", "int"), "numpy.count_nonzero")
_register(
    _Spec("a, axis=None, out=None, keepdims=False", "same", no_identity="maximum", bool_raises=True),
    "numpy.ptp",
)


@shape_rule("numpy.cumsum", "numpy.cumprod", "numpy.ndarray.cumsum", "numpy.ndarray.cumprod")
def _cumulative(call: CallArgs) -> Value:
    """Same shape along an axis; `axis=None` flattens to 1-d of the array's size."""
    try:
        bound = call.bind("a, axis=None, dtype=None, out=None")
        if bound is None or _given(bound, "out"):
            return UNKNOWN
        a = as_array(bound.get("a"))
        if a is None:
            return UNKNOWN
        dtype = _result_dtype("sum", a.dtype, _given(bound, "dtype"))
        items, _ = _axis_items(bound.get("axis"), tuple_ok=False)
        if items is None:
            return Array(Shape((size(a.shape),)), dtype)
        if a.shape.axes is None:
            return Array(UNKNOWN_SHAPE, dtype)
        # A 0-d array is accumulated as the 1-d array of its one element.
        shape = a.shape if a.shape.axes else Shape((ONE,))
        normalize_axis(items[0], len(shape.axes))  # type: ignore[arg-type]
        return Array(shape, dtype)
    except _GiveUp:
        return UNKNOWN


@shape_rule("numpy.average")
def _average(call: CallArgs) -> Value:
    """`mean` with optional weights: the weights have `a`'s shape, or the shape of the axes reduced."""
    try:
        bound = call.bind("a, axis=None, weights=None, returned=False, *, keepdims=False")
        if bound is None:
            return UNKNOWN
        a = as_array(bound.get("a"))
        if a is None:
            return UNKNOWN
        keepdims = _flag(bound.get("keepdims"), False)
        returned = _flag(bound.get("returned"), False)
        items, single = _axis_items(bound.get("axis"), tuple_ok=True)
        shape, reduced = reduce_shape(a.shape, items, single, keepdims)
        if _given(bound, "weights"):
            _check_weights(a.shape, as_array(bound.get("weights")), items, reduced)
            # The weights of an empty axis sum to 0: numpy raises ZeroDivisionError.
            if _empty_reduction(a.shape, reduced) or reduced is None:
                raise _GiveUp
        elif shape.axes is None or Known(0) in shape.axes:
            raise _GiveUp  # numpy divides by the result's size: ZeroDivisionError when empty
        result = Array(shape, "f", reduced=_provenance(a.shape, shape, reduced, keepdims))
        if returned:
            return Tup((result, Array(shape, "f")))
        return result
    except _GiveUp:
        return UNKNOWN


def _check_weights(shape: Shape, weights: Array | None, items: tuple[Value, ...] | None, reduced: object) -> None:
    """Give up unless numpy certainly accepts the weights' shape."""
    if weights is None:
        raise _GiveUp
    if same_shape(weights.shape, shape):
        return
    if items is None or reduced is None or shape.axes is None:
        raise _GiveUp
    # numpy matches the weights against the axes in the order they were given.
    order = [known_int(item) for item in items]
    if None in order:
        raise _GiveUp
    rank = len(shape.axes)
    selected = Shape(tuple(shape.axes[k % rank] for k in order))  # type: ignore[operator]
    if not same_shape(weights.shape, selected):
        raise _GiveUp


# -- numpy.linalg.norm --

_NORM_MATRIX_ORDERS = (None, "fro", "f", "nuc", 1, -1, 2, -2, math.inf, -math.inf)


def _norm_order(value: Value | None) -> object:
    if value is None or (isinstance(value, Const) and value.value is None):
        return None
    if isinstance(value, Const) and isinstance(value.value, (str, float)) and not isinstance(value.value, bool):
        if isinstance(value.value, float) and math.isnan(value.value):
            raise _GiveUp
        return value.value
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    raise _GiveUp


@shape_rule("numpy.linalg.norm")
def _norm(call: CallArgs) -> Value:
    """Vector norm over one axis, matrix norm over two, all of it for `axis=None`."""
    try:
        return _norm_apply(call)
    except _GiveUp:
        return UNKNOWN


def _norm_apply(call: CallArgs) -> Value:
    bound = call.bind("x, ord=None, axis=None, keepdims=False")
    if bound is None:
        raise _GiveUp
    x = as_array(bound.get("x"))
    if x is None:
        raise _GiveUp
    order = _norm_order(bound.get("ord"))
    keepdims = _flag(bound.get("keepdims"), False)
    axis = bound.get("axis")
    items: tuple[Value, ...]
    if axis is None or (isinstance(axis, Const) and axis.value is None):
        rank = x.shape.rank
        if order is None and rank is None:
            if keepdims:
                return Array(UNKNOWN_SHAPE, "f")
            return Array(SCALAR, "f")
        if rank is None:
            raise _GiveUp
        if order is None or (rank == 2 and order in ("fro", "f")) or (rank == 1 and order == 2):
            return Array(Shape((ONE,) * rank) if keepdims else SCALAR, "f")
        if rank not in (1, 2):
            raise _GiveUp  # numpy: "Improper number of dimensions to norm."
        items = tuple(Int(Known(k)) for k in range(rank))
    elif isinstance(axis, Tup):
        items = axis.items
    elif isinstance(axis, Int):
        items = (axis,)
    else:
        raise _GiveUp
    if not all(isinstance(item, Int) for item in items):
        raise _GiveUp
    matrix = len(items) == 2
    if len(items) not in (1, 2):
        raise _GiveUp
    if matrix and order not in _NORM_MATRIX_ORDERS:
        raise _GiveUp
    if not matrix and isinstance(order, str):
        raise _GiveUp
    shape, reduced = reduce_shape(x.shape, items, False, keepdims)
    # These orders take a minimum, which has no identity over an empty axis.
    if order in ((-1, -2, -math.inf) if matrix else (-math.inf,)):
        if _empty_reduction(x.shape, reduced) or (reduced is None and Known(0) in (x.shape.axes or ())):
            raise _GiveUp
    return Array(shape, "f", reduced=_provenance(x.shape, shape, reduced, keepdims))


__all__ = ["reduce_shape"]
