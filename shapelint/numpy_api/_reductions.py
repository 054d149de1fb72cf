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
from ._args import as_array, flag, given, is_none, normalize_axis, sure_array
from ._dtypes import summed_dtype
from ._registry import CallArgs, GiveUp, ShapeError, shape_rule


def _is_int_like(value: Value) -> bool:
    return isinstance(value, Int) or (isinstance(value, Array) and value.shape.axes == () and value.dtype == "i")


def _axis_items(value: Value | None, *, tuple_ok: bool) -> tuple[tuple[Value, ...] | None, bool]:
    """The items of an `axis` argument (None for all axes) and whether it was a single int."""
    if is_none(value):
        return None, False
    if isinstance(value, Tup):
        if not tuple_ok:
            raise ShapeError("axis", "axis must be an int here: 'tuple' object cannot be interpreted as an integer")
        items, single = value.items, False
    elif _is_int_like(value):
        items, single = (value,), True
    else:
        raise GiveUp
    if not all(_is_int_like(item) for item in items):
        raise GiveUp
    return items, single


def _unknown_axes_result(shape: Shape, count: int, keepdims: bool) -> Shape:
    # Which axes go is not known, only how many; lengths survive only where
    # every axis has the same length.
    axes = shape.axes or ()
    if count > len(axes):
        raise GiveUp
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
            raise GiveUp
        normalize_axis(Tup(items), 0)  # raises: any other axis is out of range
        raise GiveUp
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
    if kind == "sum":
        return summed_dtype(source)
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
    a = sure_array(bound.get("a"))
    if given(bound, "out") or given(bound, "mean"):
        raise GiveUp
    where = bound.get("where")
    if where is not None and not (isinstance(where, Const) and where.value is True):
        raise GiveUp
    if given(bound, "ddof") and given(bound, "correction"):
        raise GiveUp
    if spec.bool_raises and a.dtype == "b":
        raise GiveUp
    keepdims = flag(bound.get("keepdims"), False)
    items, single = _axis_items(bound.get("axis"), tuple_ok=spec.tuple_axis)
    if items == () and not spec.empty_axis_tuple:
        raise GiveUp
    shape, reduced = reduce_shape(a.shape, items, single, keepdims)
    if spec.no_identity and not given(bound, "initial") and _empty_reduction(a.shape, reduced):
        raise ShapeError(
            "reduction",
            f"zero-size array to reduction operation {spec.no_identity} which has no identity (shape {a.shape})",
        )
    dtype = _result_dtype(spec.dtype, a.dtype, given(bound, "dtype"))
    prov = _provenance(a.shape, shape, reduced, keepdims) if spec.provenance else None
    return Array(shape, dtype, reduced=prov)


def _register(spec: _Spec, *qualnames: str) -> None:
    shape_rule(*qualnames)(lambda call: _apply(spec, call))


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
    bound = call.bind("a, axis=None, dtype=None, out=None")
    if given(bound, "out"):
        return UNKNOWN
    a = sure_array(bound.get("a"))
    dtype = _result_dtype("sum", a.dtype, given(bound, "dtype"))
    items, _ = _axis_items(bound.get("axis"), tuple_ok=False)
    if items is None:
        return Array(Shape((size(a.shape),)), dtype)
    if a.shape.axes is None:
        return Array(UNKNOWN_SHAPE, dtype)
    # A 0-d array is accumulated as the 1-d array of its one element.
    shape = a.shape if a.shape.axes else Shape((ONE,))
    normalize_axis(items[0], len(shape.axes))  # type: ignore[arg-type]
    return Array(shape, dtype)


@shape_rule("numpy.average")
def _average(call: CallArgs) -> Value:
    """`mean` with optional weights: the weights have `a`'s shape, or the shape of the axes reduced."""
    bound = call.bind("a, axis=None, weights=None, returned=False, *, keepdims=False")
    a = sure_array(bound.get("a"))
    keepdims = flag(bound.get("keepdims"), False)
    returned = flag(bound.get("returned"), False)
    items, single = _axis_items(bound.get("axis"), tuple_ok=True)
    shape, reduced = reduce_shape(a.shape, items, single, keepdims)
    if given(bound, "weights"):
        _check_weights(a.shape, as_array(bound.get("weights")), items, reduced)
        # The weights of an empty axis sum to 0: numpy raises ZeroDivisionError.
        if _empty_reduction(a.shape, reduced) or reduced is None:
            raise GiveUp
    elif shape.axes is None or Known(0) in shape.axes:
        raise GiveUp  # numpy divides by the result's size: ZeroDivisionError when empty
    result = Array(shape, "f", reduced=_provenance(a.shape, shape, reduced, keepdims))
    if returned:
        return Tup((result, Array(shape, "f")))
    return result


def _check_weights(shape: Shape, weights: Array | None, items: tuple[Value, ...] | None, reduced: object) -> None:
    """Give up unless numpy certainly accepts the weights' shape."""
    if weights is None:
        raise GiveUp
    if same_shape(weights.shape, shape):
        return
    if items is None or reduced is None or shape.axes is None:
        raise GiveUp
    # numpy matches the weights against the axes in the order they were given.
    order = [known_int(item) for item in items]
    if None in order:
        raise GiveUp
    rank = len(shape.axes)
    selected = Shape(tuple(shape.axes[k % rank] for k in order))  # type: ignore[operator]
    if not same_shape(weights.shape, selected):
        raise GiveUp


# -- numpy.linalg.norm --

_NORM_MATRIX_ORDERS = (None, "fro", "f", "nuc", 1, -1, 2, -2, math.inf, -math.inf)


def _norm_order(value: Value | None) -> object:
    if is_none(value):
        return None
    if isinstance(value, Const) and isinstance(value.value, (str, float)) and not isinstance(value.value, bool):
        if isinstance(value.value, float) and math.isnan(value.value):
            raise GiveUp
        return value.value
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    raise GiveUp


@shape_rule("numpy.linalg.norm")
def _norm(call: CallArgs) -> Value:
    """Vector norm over one axis, matrix norm over two, all of it for `axis=None`."""
    bound = call.bind("x, ord=None, axis=None, keepdims=False")
    x = sure_array(bound.get("x"))
    order = _norm_order(bound.get("ord"))
    keepdims = flag(bound.get("keepdims"), False)
    axis = bound.get("axis")
    items: tuple[Value, ...]
    if is_none(axis):
        rank = x.shape.rank
        if order is None and rank is None:
            if keepdims:
                return Array(UNKNOWN_SHAPE, "f")
            return Array(SCALAR, "f")
        if rank is None:
            raise GiveUp
        if order is None or (rank == 2 and order in ("fro", "f")) or (rank == 1 and order == 2):
            return Array(Shape((ONE,) * rank) if keepdims else SCALAR, "f")
        if rank not in (1, 2):
            raise GiveUp  # numpy: "Improper number of dimensions to norm."
        items = tuple(Int(Known(k)) for k in range(rank))
    elif isinstance(axis, Tup):
        items = axis.items
    elif isinstance(axis, Int):
        items = (axis,)
    else:
        raise GiveUp
    if not all(isinstance(item, Int) for item in items):
        raise GiveUp
    matrix = len(items) == 2
    if len(items) not in (1, 2):
        raise GiveUp
    if matrix and order not in _NORM_MATRIX_ORDERS:
        raise GiveUp
    if not matrix and isinstance(order, str):
        raise GiveUp
    shape, reduced = reduce_shape(x.shape, items, False, keepdims)
    # These orders take a minimum, which has no identity over an empty axis.
    if order in ((-1, -2, -math.inf) if matrix else (-math.inf,)):
        if _empty_reduction(x.shape, reduced) or (reduced is None and Known(0) in (x.shape.axes or ())):
            raise GiveUp
    return Array(shape, "f", reduced=_provenance(x.shape, shape, reduced, keepdims))


__all__ = ["reduce_shape"]
