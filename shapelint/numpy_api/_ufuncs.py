"""Shape rules for elementwise functions: ufuncs, `where`, `clip`, rounding, `astype`.

The result of an elementwise call is the broadcast of its array-like
arguments. The engine also evaluates Python operators through these rules
(`a + b` is `numpy.add`, `a < b` is `numpy.less`, `-a` is `numpy.negative`),
so every rule accepts Python scalars (`Int`, `PyFloat`, `Const`) next to
arrays. Like numpy, an elementwise call on Python scalars alone gives a numpy
scalar (a 0-d `Array`); the engine keeps plain Python arithmetic for itself.

The result dtype follows a per-function table from the promoted kind of the
inputs (bool < int < float; numpy 2 promotes Python scalars by kind too). A
dtype that numpy certainly refuses (`-` of booleans, `~` of floats, integers
to a negative integer power) raises ShapeError("dtype") when an array is
involved; with Python scalars alone it is left UNKNOWN, since Python's own
operators accept them.
"""

from __future__ import annotations

from typing import Sequence

from ..domain import Known, Shape, Unknown, broadcast, format_shape, same_length, same_shape
from ..values import NONE, UNKNOWN, Array, Const, Int, PyFloat, Tup, Value
from ._args import operand
from ._dtypes import dtype_kind, float_dtype
from ._registry import CallArgs, ShapeError, broadcast_shapes, shape_rule

_ERROR = "X"
_ORDER = {"b": 0, "i": 1, "f": 2}

# Result kind for each promoted input kind ('f' stands for float and complex alike;
# None is an unknown input dtype, which may be object).
_SAME = {"b": "b", "i": "i", "f": "f", None: None}
_NO_BOOL = {"b": _ERROR, "i": "i", "f": "f", None: None}
_FLOAT = {"b": "f", "i": "f", "f": "f", None: None}
_INTEGRAL = {"b": "i", "i": "i", "f": "f", None: None}
# Comparisons and isnan/isinf/isfinite give bool for every dtype they accept, object included.
_BOOL = {"b": "b", "i": "b", "f": "b", None: "b"}
# logical_* of object arrays give object arrays.
_LOGICAL = {"b": "b", "i": "b", "f": "b", None: None}
_BITWISE = {"b": "b", "i": "i", "f": _ERROR, None: None}
# floor/ceil/trunc of ints give floats before numpy 2.3 (?) and ints after: leave it unknown.
_ROUNDING = {"b": None, "i": None, "f": "f", None: None}
_ROUND = {"b": "f", "i": "i", "f": "f", None: None}

_BINARY = {
    "add": _SAME,
    "subtract": _NO_BOOL,
    "multiply": _SAME,
    "divide": _FLOAT,
    "true_divide": _FLOAT,
    "floor_divide": _INTEGRAL,
    "mod": _INTEGRAL,
    "remainder": _INTEGRAL,
    "power": _INTEGRAL,
    "float_power": _FLOAT,
    "maximum": _SAME,
    "minimum": _SAME,
    "fmax": _SAME,
    "fmin": _SAME,
    "arctan2": _FLOAT,
    "hypot": _FLOAT,
    "logical_and": _LOGICAL,
    "logical_or": _LOGICAL,
    "logical_xor": _LOGICAL,
    "bitwise_and": _BITWISE,
    "bitwise_or": _BITWISE,
    "bitwise_xor": _BITWISE,
    "equal": _BOOL,
    "not_equal": _BOOL,
    "less": _BOOL,
    "less_equal": _BOOL,
    "greater": _BOOL,
    "greater_equal": _BOOL,
}

_UNARY = {
    **{name: _FLOAT for name in "exp exp2 expm1 log log2 log10 log1p sqrt sin cos tan".split()},
    **{name: _FLOAT for name in "arcsin arccos arctan sinh cosh tanh rint fabs".split()},
    "square": _INTEGRAL,
    "reciprocal": _INTEGRAL,
    "abs": _SAME,
    "absolute": _SAME,
    "sign": _NO_BOOL,
    "negative": _NO_BOOL,
    "positive": _NO_BOOL,
    "floor": _ROUNDING,
    "ceil": _ROUNDING,
    "trunc": _ROUNDING,
    "logical_not": _LOGICAL,
    "invert": _BITWISE,
    "isnan": _BOOL,
    "isinf": _BOOL,
    "isfinite": _BOOL,
}

_UFUNC_KEYWORDS = "*, where=True, casting='same_kind', order='K', dtype=None, subok=True"


# -- the shared core --


def _is_python_scalar(value: Value) -> bool:
    return isinstance(value, (Int, PyFloat, Const))


def _result(shape: Shape, dtype: str | None, inputs: Sequence[Value]) -> Array:
    """The result array, carrying provenance of the operand it was made from.

    A rank-1 result from a rank-1 operand is not an origin of its own (SL001),
    so it keeps that operand's origin. When one array meets only scalars
    (`2 * A.sum(axis=1)`, `np.sqrt(v)`), its reduction and explicit-axes
    marks carry over, so SL007/SL003 still see them.
    """
    arrays = [v for v in inputs if isinstance(v, Array)]
    origin = None
    if shape.rank == 1:
        origin = next((a.origin for a in arrays if a.rank == 1 and a.origin is not None), None)
    reduced, explicit = None, False
    others = [v for v in inputs if not (isinstance(v, Array) and v.shape.axes != ())]
    lone = [a for a in arrays if a.shape.axes != ()]
    if len(lone) == 1 and all(_is_python_scalar(v) or isinstance(v, Array) for v in others):
        if same_shape(lone[0].shape, shape):
            reduced, explicit = lone[0].reduced, lone[0].explicit
    return Array(shape, dtype, origin, reduced, explicit)


def elementwise(args: list[Value], dtype: str | None) -> Value:
    """The result of an elementwise operation on `args`, with result kind `dtype`.

    UNKNOWN when an argument is not array-like; ShapeError("broadcast") when
    the shapes certainly do not broadcast.

    >>> from shapelint.domain import Known, shape_of
    >>> str(elementwise([Array(shape_of(3, 1)), Int(Known(2)), Array(shape_of(4))], "f").shape)
    '(3, 4)'
    """
    arrays = [operand(v) for v in args]
    if any(a is None for a in arrays):
        return UNKNOWN
    return _result(broadcast_shapes([a.shape for a in arrays]), dtype, args)  # type: ignore[union-attr]


def _kind_error(name: str, kind: str | None, inputs: Sequence[Value]) -> Value:
    if all(_is_python_scalar(v) for v in inputs):
        return UNKNOWN
    label = {"b": "boolean", "i": "integer", "f": "float"}.get(kind or "", "these")
    raise ShapeError("dtype", f"numpy.{name} is not supported for {label} inputs")


def _ufunc(name: str, table: dict, inputs: list[Value], bound: dict[str, Value]) -> Value:
    """Apply ufunc `name` with the ufunc keywords in `bound` (out, where, dtype, casting)."""
    arrays = [operand(v) for v in inputs]
    if any(a is None for a in arrays):
        return UNKNOWN
    kind = float_dtype(*arrays)
    out_kind = table[kind]
    if out_kind == _ERROR:
        return _kind_error(name, kind, inputs)
    casting = bound.get("casting", Const("same_kind"))
    if casting not in (Const("same_kind"), Const("unsafe")):
        return UNKNOWN
    where = bound.get("where", Const(True))
    shaped = list(arrays)
    if where != Const(True):
        mask = operand(where)
        if mask is None:
            return UNKNOWN
        shaped.append(mask)
    shape = broadcast_shapes([a.shape for a in shaped])  # type: ignore[union-attr]
    if name == "power" and kind in ("b", "i") and _negative_int(inputs[1]):
        if all(_is_python_scalar(v) for v in inputs):
            return UNKNOWN
        # numpy checks the values, so an empty result passes.
        if shape.concrete is not None and 0 not in shape.concrete:
            raise ShapeError("dtype", "Integers to negative integer powers are not allowed")
    if "dtype" in bound and bound["dtype"] != NONE:
        target = dtype_kind(bound["dtype"], None)
        if casting == Const("same_kind") and _narrows(kind, target):
            return UNKNOWN
        # The dtype of a comparison names the loop, not the (bool) result.
        out_kind = None if table is _BOOL or table is _LOGICAL else target
    out = bound.get("out")
    if out is not None and out != NONE:
        return _into(out, shape, out_kind, casting)
    return _result(shape, out_kind, inputs)


def _negative_int(value: Value) -> bool:
    return isinstance(value, Int) and getattr(value.value, "value", 0) < 0


def _narrows(source: str | None, target: str | None) -> bool:
    """True unless a same_kind cast from `source` to `target` is certainly allowed."""
    if source is None or target is None:
        return True
    return _ORDER[source] > _ORDER[target]


def _into(out: Value, shape: Shape, kind: str | None, casting: Value) -> Value:
    """The result written into `out=`: it is `out` itself, which must hold the broadcast."""
    if isinstance(out, Tup) and len(out.items) == 1:
        out = out.items[0]
    if not isinstance(out, Array):
        return UNKNOWN
    if not _holds(out.shape, shape):
        raise ShapeError(
            "broadcast",
            f"non-broadcastable output operand with shape {format_shape(out.shape)} "
            f"doesn't match the broadcast shape {format_shape(shape)}",
        )
    if casting == Const("same_kind") and kind is not None and out.dtype is not None and _ORDER[kind] > _ORDER[out.dtype]:
        raise ShapeError("dtype", f"cannot cast the result ({kind}) to the output array's dtype ({out.dtype})")
    return out


def _holds(target: Shape, shape: Shape) -> bool:
    """False when a result of `shape` certainly cannot be written into an array of shape `target`."""
    joined = broadcast([shape, target])
    if joined.error:
        return False
    axes, want = joined.shape.axes, target.axes
    if axes is None or want is None:
        return True
    if len(axes) > len(want):
        return False
    return all(same_length(a, b) is not False for a, b in zip(axes, want[len(want) - len(axes) :]))


def _make_ufunc(name: str, table: dict, inputs: tuple[str, ...]) -> None:
    @shape_rule(f"numpy.{name}")
    def rule(call: CallArgs) -> Value:
        bound = call.bind(f"{', '.join(inputs)}, out=None, {_UFUNC_KEYWORDS}")
        # The inputs of a ufunc are positional only.
        if inputs[-1] not in bound or any(x in call.kwargs for x in inputs):
            return UNKNOWN
        return _ufunc(name, table, [bound[x] for x in inputs], bound)


for _name, _table in _BINARY.items():
    _make_ufunc(_name, _table, ("x1", "x2"))
for _name, _table in _UNARY.items():
    _make_ufunc(_name, _table, ("x",))


# -- elementwise functions that are not ufuncs --


@shape_rule("numpy.clip", "numpy.ndarray.clip")
def _clip(call: CallArgs) -> Value:
    if call.qualname == "numpy.ndarray.clip":
        bound = call.bind(f"a, min=None, max=None, out=None, {_UFUNC_KEYWORDS}")
        lows, highs = ["min"], ["max"]
    else:
        bound = call.bind(f"a, a_min=None, a_max=None, out=None, *, min=None, max=None, {_UFUNC_KEYWORDS[3:]}")
        lows, highs = ["a_min", "min"], ["a_max", "max"]
    if "a" not in bound:
        return UNKNOWN
    low = [bound[k] for k in lows if k in bound and bound[k] != NONE]
    high = [bound[k] for k in highs if k in bound and bound[k] != NONE]
    if len(low) > 1 or len(high) > 1 or ("a_min" in bound and "min" in bound) or ("a_max" in bound and "max" in bound):
        return UNKNOWN  # numpy refuses a_min together with min
    # Without bounds numpy >= 2.1 applies `positive` (older versions raise): same shape either way,
    # but booleans are refused.
    return _ufunc("clip", _SAME if low or high else _NO_BOOL, [bound["a"], *low, *high], bound)


@shape_rule("numpy.where")
def _where(call: CallArgs) -> Value:
    if call.kwargs or call.star:
        return UNKNOWN  # where() takes its arguments by position only
    args = call.args
    if len(args) == 3:
        cond, x, y = (operand(v) for v in args)
        if cond is None or x is None or y is None:
            return UNKNOWN
        return _result(broadcast_shapes([cond.shape, x.shape, y.shape]), float_dtype(x, y), args)
    if len(args) == 2:
        raise ShapeError("value", "either both or neither of x and y should be given")
    if len(args) != 1:
        return UNKNOWN
    cond = operand(args[0])
    if cond is None or not cond.shape.axes:
        # nonzero of a 0-d array raises in numpy >= 2.1 and was deprecated before.
        return UNKNOWN
    # One index array per axis, as long as the number of true elements.
    origin = call.node if cond.rank != 1 else None
    return Tup(tuple(Array(Shape((_count(),)), "i", origin) for _ in cond.shape.axes))


def _count() -> Unknown:
    return Unknown("number of nonzero elements")


def _same_shape_rule(call: CallArgs, signature: str, table: dict, source: str = "a") -> Value:
    bound = call.bind(signature)
    if source not in bound:
        return UNKNOWN
    arr = operand(bound[source])
    if arr is None:
        return UNKNOWN
    kind = table[arr.dtype]
    out = bound.get("out")
    if out is not None and out != NONE:
        return _into(out, arr.shape, kind, Const("unsafe"))
    return _result(arr.shape, kind, [bound[source]])


@shape_rule("numpy.nan_to_num")
def _nan_to_num(call: CallArgs) -> Value:
    return _same_shape_rule(call, "x, copy=True, nan=0.0, posinf=None, neginf=None", _SAME, "x")


@shape_rule("numpy.round", "numpy.around", "numpy.ndarray.round")
def _round(call: CallArgs) -> Value:
    bound = call.bind("a, decimals=0, out=None")
    if "a" not in bound:
        return UNKNOWN
    decimals = bound.get("decimals", Int(Known(0)))
    if not isinstance(decimals, Int):
        return UNKNOWN  # numpy wants an int number of decimals
    arr = operand(bound["a"])
    if arr is not None and arr.dtype == "b" and decimals.value != Known(0):
        # Rounding booleans to other decimals computes in floats and cannot cast back.
        if isinstance(decimals.value, Known):
            raise ShapeError("dtype", f"cannot round booleans to {decimals.value.value} decimals")
        return UNKNOWN
    return _same_shape_rule(call, "a, decimals=0, out=None", _ROUND)


@shape_rule("numpy.ndarray.copy")
def _copy_method(call: CallArgs) -> Value:
    return _same_shape_rule(call, "a, order='C'", _SAME)


@shape_rule("numpy.ndarray.conj")
def _conj_method(call: CallArgs) -> Value:
    # The method keeps real dtypes (np.conj of bools gives int8, the method bools).
    return _same_shape_rule(call, "a", _SAME)


@shape_rule("numpy.ndarray.astype")
def _astype(call: CallArgs) -> Value:
    bound = call.bind("a, dtype, order='K', casting='unsafe', subok=True, copy=True")
    if "dtype" not in bound:
        return UNKNOWN
    arr = operand(bound["a"])
    if arr is None or bound["dtype"] == NONE:
        return UNKNOWN if arr is None else _result(arr.shape, "f", [bound["a"]])
    kind = dtype_kind(bound["dtype"], None)
    casting = bound.get("casting", Const("unsafe"))
    if casting != Const("unsafe") and _narrows(arr.dtype, kind):
        return UNKNOWN  # a stricter casting rule may refuse the conversion
    return _result(arr.shape, kind, [bound["a"]])


__all__ = ["elementwise"]
