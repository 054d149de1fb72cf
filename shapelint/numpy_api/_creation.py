"""Shape rules for numpy's array creation functions and `numpy.random`.

Sizes come in as an int, a tuple or a list (`np.zeros(n)`, `np.zeros((n, 1))`);
an array of rank 1 made from sizes is an *origin* for rule SL001, so these
rules set `origin` to the call node unless the result merely copies a rank-1
input (`np.asarray(v)`, `np.zeros_like(v)`).

Random functions follow numpy's own split between Python scalars and arrays:
`np.random.normal()` and `rng.normal()` return a Python float (`PyFloat`),
`np.random.randint(5)` a Python int, but `rng.integers(5)` a numpy int (a 0-d
`Array`). The tests pin each of these against real numpy.

Not handled (the rule answers UNKNOWN or leaves the dtype unknown): `like=`,
dtypes the analyzer cannot read, float `arange` bounds (the length is then an
unknown axis), and `linspace(..., retstep=True)` with array bounds.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..domain import ONE, SCALAR, Axis, Known, Shape, Sym, Unknown, broadcast, format_shape, same_length, same_shape
from ..values import NONE, UNKNOWN, Array, Const, Int, Lst, Opaque, PyFloat, RandomGen, Range, Ref, Tup, Value, int_of
from ._args import is_bool, is_none, length_of, may_be_length, one_axis, operand, to_shape
from ._dtypes import SHAPED, dtype_kind, float_dtype, read_dtype
from ._registry import CallArgs, GiveUp, ShapeError, broadcast_shapes, shape_rule

# -- arguments --


def _is_python_int_type(value: Value | None) -> bool:
    if isinstance(value, Const):
        return value.value is int
    return isinstance(value, Ref) and value.qualname in ("builtins.int", "int")


def _nonnegative(shape: Shape) -> Shape:
    for axis in shape.axes or ():
        if isinstance(axis, Known) and axis.value < 0:
            raise ShapeError("value", f"negative dimensions are not allowed: {format_shape(shape)}")
    return shape


def dims(value: Value | None) -> Shape | None:
    """A `shape=` / `size=` argument as a Shape, or None if it is not understood.

    numpy refuses bools as dimensions (TypeError), so they are not understood;
    a negative known length raises ShapeError as numpy does.
    """
    if value is None or is_bool(value):
        return None
    if isinstance(value, (Tup, Lst)) and value.items is not None and any(is_bool(i) for i in value.items):
        return None
    shape = to_shape(value)
    return None if shape is None else _nonnegative(shape)


def _axes_of_display(value: Value) -> Shape | None:
    """`(1, self.n_in)`: a tuple written out has one axis per item, whatever the items are.

    An item numpy cannot take for a length makes it raise, so an unknown one
    is an unknown length. Bools are refused (numpy raises a TypeError).
    """
    if not isinstance(value, (Tup, Lst)) or value.items is None or any(is_bool(i) for i in value.items):
        return None
    if not all(may_be_length(i) for i in value.items):
        return None  # a float, a string, a nested tuple: numpy raises
    return _nonnegative(Shape(tuple(i.value if isinstance(i, Int) else Unknown("dimension") for i in value.items)))


def _length(value: Value | None, *, allow_bool: bool = False) -> Axis | None:
    """An argument that must be one int length (`N` of eye, a dim of rand)."""
    if value is None or (is_bool(value) and not allow_bool):
        return None
    if isinstance(value, Opaque):
        # It must be an int, so an unknown-but-fixed value is a length named after it.
        shape = to_shape(Tup((value,)))
        return shape.axes[0] if shape is not None and shape.axes else None
    axis = length_of(value)
    if axis is not None:
        _nonnegative(Shape((axis,)))
    return axis


def made(shape: Shape, dtype: str | None, call: CallArgs, sources: Sequence[Value] = ()) -> Array:
    """A result array with its provenance.

    A rank-1 result is an origin (SL001) unless a rank-1 array among `sources`
    already had that shape; then it carries that array's origin instead.
    Copies of an array keep its reduction and explicit-axes marks.
    """
    origin = call.node if shape.rank == 1 else None
    reduced = None
    explicit = False
    for source in sources:
        if isinstance(source, Array) and same_shape(source.shape, shape):
            if shape.rank == 1:
                origin = source.origin
            reduced, explicit = source.reduced, source.explicit
            break
    return Array(shape, dtype, origin, reduced, explicit)


def _no_like(bound: dict[str, Value]) -> bool:
    # `like=` hands creation over to another array library.
    return is_none(bound.get("like"))


# -- zeros, ones, empty, full --


@shape_rule("numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full")
def _zeros(call: CallArgs) -> Value:
    fill = "fill_value, " if call.qualname == "numpy.full" else ""
    bound = call.bind(f"shape, {fill}dtype=None, order='C', *, device=None, like=None")
    if "shape" not in bound or (fill and "fill_value" not in bound) or not _no_like(bound):
        return UNKNOWN
    shape = dims(bound["shape"]) or _axes_of_display(bound["shape"])
    if shape is None:
        return UNKNOWN
    fill_value = bound.get("fill_value")
    fill_arr = operand(fill_value)
    # `full` makes the fill value's dtype, the others floats.
    default = "f" if fill_value is None else fill_arr.dtype if fill_arr else None
    return _filled(call, shape, fill_value, bound.get("dtype"), default)


def _fits_into(src: Shape, dst: Shape) -> bool:
    """False when `src` certainly cannot be copied into an array of shape `dst`.

    Copying (np.copyto, used by `full`) broadcasts the source to the target
    and may drop leading length-1 axes of the source.
    """
    if src.axes is None or dst.axes is None:
        return True
    extra = len(src.axes) - len(dst.axes)
    if extra > 0:
        if any(isinstance(a, Known) and a.value != 1 for a in src.axes[:extra]):
            return False
        src = Shape(src.axes[extra:])
    for s, d in zip(reversed(src.axes), reversed(dst.axes)):
        if isinstance(s, Known) and s.value != 1 and same_length(s, d) is False:
            return False
    return True


def _filled(
    call: CallArgs,
    shape: Shape,
    fill: Value | None,
    dtype: Value | None,
    default_kind: str | None,
    sources: Sequence[Value] = (),
) -> Value:
    """`made`, once the fill value (None: there is none) is known to fit the shape."""
    fill_arr = operand(fill)
    if fill_arr is not None and not _fits_into(fill_arr.shape, shape):
        raise ShapeError(
            "broadcast",
            f"could not broadcast input array from shape {format_shape(fill_arr.shape)} into shape {format_shape(shape)}",
        )
    return made(shape, dtype_kind(dtype, default_kind), call, sources)


@shape_rule("numpy.zeros_like", "numpy.ones_like", "numpy.empty_like", "numpy.full_like")
def _like(call: CallArgs) -> Value:
    fill = "fill_value, " if call.qualname == "numpy.full_like" else ""
    bound = call.bind(f"a, {fill}dtype=None, order='K', subok=True, shape=None, *, device=None")
    if "a" not in bound or (fill and "fill_value" not in bound):
        return UNKNOWN
    source = operand(bound["a"])
    if not is_none(bound.get("shape")):
        shape = dims(bound["shape"])
    else:
        shape = source.shape if source is not None else None
    if shape is None:
        return UNKNOWN
    default = source.dtype if source is not None else None
    return _filled(call, shape, bound.get("fill_value"), bound.get("dtype"), default, [bound["a"]])


# -- eye, identity, arange, linspace, logspace --


@shape_rule("numpy.eye")
def _eye(call: CallArgs) -> Value:
    bound = call.bind("N, M=None, k=0, dtype=None, order='C', *, device=None, like=None")
    if "N" not in bound or not _no_like(bound):
        return UNKNOWN
    n = _length(bound["N"])
    m = n if is_none(bound.get("M")) else _length(bound["M"])
    k = bound.get("k")
    if n is None or m is None or (k is not None and int_of(k) is None) or is_bool(k):
        return UNKNOWN
    return made(Shape((n, m)), dtype_kind(bound.get("dtype"), "f"), call)


@shape_rule("numpy.identity")
def _identity(call: CallArgs) -> Value:
    bound = call.bind("n, dtype=None, *, like=None")
    if "n" not in bound or not _no_like(bound):
        return UNKNOWN
    n = _length(bound["n"])
    if n is None:
        return UNKNOWN
    return made(Shape((n, n)), dtype_kind(bound.get("dtype"), "f"), call)


def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


@shape_rule("numpy.arange")
def _arange(call: CallArgs) -> Value:
    bound = call.bind("start=None, stop=None, step=None, dtype=None, *, device=None, like=None")
    if not _no_like(bound):
        return UNKNOWN
    start, stop, step = bound.get("start"), bound.get("stop"), bound.get("step")
    if is_none(stop):
        if is_none(start) or "start" in call.kwargs:
            return UNKNOWN  # numpy: "arange() requires stop to be specified"
        # arange(5) and arange(5, None) both count from zero to 5.
        start, stop = None, start
    if is_none(start):
        start = None
    if is_none(step):
        step = None
    given = [v for v in (start, stop, step) if v is not None]
    arrays = [operand(v) for v in given]
    if any(a is not None and a.shape.axes is not None and a.shape.axes != () for a in arrays):
        return UNKNOWN  # numpy raises on an array bound
    if any(a is None and not isinstance(v, Opaque) for a, v in zip(arrays, given)):
        return UNKNOWN  # a string or another non-number: numpy raises
    if any(a is None or a.shape.axes is None for a in arrays):
        # Unknown bounds: numpy takes only scalars, so whatever it returns has one axis.
        return made(Shape((Unknown("arange bounds"),)), dtype_kind(bound.get("dtype"), None), call)
    kind = float_dtype(*arrays)
    kind = "i" if kind == "b" else kind  # arange(True) counts in ints
    kind = dtype_kind(bound.get("dtype"), kind)
    length = _arange_length(start, stop, step)
    if kind == "b" and isinstance(length, Known) and length.value > 2:
        raise ShapeError("dtype", "arange() is only supported for booleans when the result has at most length 2")
    return made(Shape((length,)), kind, call)


@shape_rule("numpy.bincount")
def _bincount(call: CallArgs) -> Value:
    """One count per value up to the largest: always one axis, of a length only the data knows."""
    bound = call.bind("x, weights=None, minlength=0")
    x = operand(bound.get("x")) if "x" in bound else None
    if "x" not in bound or (x is not None and x.rank not in (None, 1)):
        return UNKNOWN  # numpy raises: "object too deep for desired array"
    # Counts of rank-1 data: a vector meant as one, not an origin of rank 1 (SL001).
    return Array(Shape((Unknown("counts"),)), "i" if is_none(bound.get("weights")) else "f")


@shape_rule("numpy.finfo")
def _finfo(call: CallArgs) -> Value:
    # Its limits (`np.finfo(float).eps`) are numpy scalars; see `FINFO_SCALARS`.
    return Ref("numpy.finfo()") if len(call.args) + len(call.kwargs) == 1 else UNKNOWN


# The attributes of `np.finfo(...)` that are numpy float scalars.
FINFO_SCALARS = frozenset("eps epsneg max min tiny resolution smallest_normal smallest_subnormal".split())


def _arange_length(start: Value | None, stop: Value, step: Value | None) -> Axis:
    first = Known(0) if start is None else _int_axis(start)
    last = _int_axis(stop)
    stride = Known(1) if step is None else _int_axis(step)
    if isinstance(stride, Known) and stride.value == 0:
        raise ShapeError("value", "arange: step is zero (division by zero)")
    if isinstance(first, Known) and isinstance(last, Known) and isinstance(stride, Known):
        return Known(max(0, _ceil_div(last.value - first.value, stride.value)))
    if first == Known(0) and stride == Known(1) and isinstance(last, Sym):
        # A symbol stands for a length, and arange(n) has n elements.
        return last
    begin = 0.0 if start is None else _number(start)
    end = _number(stop)
    delta = 1.0 if step is None else _number(step)
    if begin is not None and end is not None and delta is not None:
        # Float bounds: numpy's length is ceil((stop - start) / step) in double
        # precision, which is Python's float arithmetic.
        if delta == 0:
            raise ShapeError("value", "arange: step is zero (division by zero)")
        try:
            span = end - begin
            quotient = span / delta
            if quotient == 0.0 and span != 0.0:
                # The quotient underflowed: numpy counts one element when its sign is positive.
                return Known(0 if math.copysign(1.0, quotient) < 0 else 1)
            return Known(max(0, math.ceil(quotient)))
        except (OverflowError, ValueError):
            return Unknown("arange bounds")
    return Unknown("arange bounds")


def _int_axis(value: Value) -> Axis | None:
    return int_of(value) if isinstance(value, (Int, Const)) else None


def _spaced(call: CallArgs, bound: dict[str, Value], bounds: list[Value]) -> Array:
    """The result of linspace/logspace: the bounds' broadcast with `num` inserted at `axis`."""
    arrays = [operand(v) for v in bounds]
    if any(a is None for a in arrays):
        raise GiveUp
    joined = broadcast_shapes([a.shape for a in arrays])  # type: ignore[union-attr]
    num = _length(bound.get("num", Int(Known(50))), allow_bool=True)
    if joined.axes is None or num is None:
        raise GiveUp
    at = one_axis(bound.get("axis", Int(Known(0))), len(joined.axes) + 1)
    if at is None:
        raise GiveUp
    kind = dtype_kind(bound.get("dtype"), "f" if float_dtype(*arrays) is not None else None)
    return made(Shape(joined.axes[:at] + (num,) + joined.axes[at:]), kind, call)


@shape_rule("numpy.linspace")
def _linspace(call: CallArgs) -> Value:
    bound = call.bind("start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None")
    if "stop" not in bound:
        return UNKNOWN
    result = _spaced(call, bound, [bound["start"], bound["stop"]])
    retstep = bound.get("retstep", Const(False))
    if retstep == Const(False):
        return result
    if retstep != Const(True) or any(not isinstance(bound[k], (Int, PyFloat, Const)) for k in ("start", "stop")):
        return UNKNOWN
    # The step is a numpy float for two or more samples, a Python float (nan) for fewer.
    num = int_of(bound.get("num", Int(Known(50))))
    step: Value = Array(SCALAR, "f") if isinstance(num, Known) and num.value >= 2 else UNKNOWN
    return Tup((result, step))


@shape_rule("numpy.logspace")
def _logspace(call: CallArgs) -> Value:
    bound = call.bind("start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0")
    if "stop" not in bound:
        return UNKNOWN
    return _spaced(call, bound, [bound["start"], bound["stop"], bound.get("base", PyFloat())])


# -- array, asarray and friends --


def _converted(call: CallArgs, source: Value, dtype: Value | None, ndmin: int = 0, copy: Value | None = None) -> Value:
    arr = operand(source)
    if arr is None:
        return UNKNOWN
    kind = dtype_kind(dtype, arr.dtype)
    if copy is not None and copy != NONE and copy != Const(True):
        # copy=False raises in numpy 2 whenever a copy is needed (a list, a dtype change).
        if copy != Const(False) or not isinstance(source, Array) or not is_none(dtype):
            return UNKNOWN
    shape = arr.shape
    if ndmin:
        if shape.axes is None:
            return made(Shape(None), kind, call)
        shape = Shape((ONE,) * max(0, ndmin - len(shape.axes)) + shape.axes)
    return made(shape, kind, call, [source])


@shape_rule("numpy.array")
def _array(call: CallArgs) -> Value:
    bound = call.bind("object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, like=None")
    if "object" not in bound or not _no_like(bound):
        return UNKNOWN
    ndmin_value = bound.get("ndmin", Int(Known(0)))
    ndmin = int_of(ndmin_value)
    if not isinstance(ndmin, Known) or is_bool(ndmin_value) or not 0 <= ndmin.value <= 64:
        return UNKNOWN
    return _converted(call, bound["object"], bound.get("dtype"), ndmin.value, bound.get("copy"))


@shape_rule("numpy.asarray", "numpy.asanyarray")
def _asarray(call: CallArgs) -> Value:
    bound = call.bind("a, dtype=None, order=None, *, device=None, copy=None, like=None")
    if "a" not in bound or not _no_like(bound):
        return UNKNOWN
    return _converted(call, bound["a"], bound.get("dtype"), copy=bound.get("copy"))


@shape_rule("numpy.ascontiguousarray")
def _ascontiguousarray(call: CallArgs) -> Value:
    bound = call.bind("a, dtype=None, *, like=None")
    if "a" not in bound or not _no_like(bound):
        return UNKNOWN
    # The result has at least one axis: a scalar becomes shape (1,).
    return _converted(call, bound["a"], bound.get("dtype"), ndmin=1)


@shape_rule("numpy.copy")
def _copy(call: CallArgs) -> Value:
    bound = call.bind("a, order='K', subok=False")
    if "a" not in bound:
        return UNKNOWN
    return _converted(call, bound["a"], None)


# -- numpy scalar types used as constructors --

_SCALAR_KINDS = {"numpy.float64": "f", "numpy.float32": "f", "numpy.int64": "i", "numpy.int32": "i"}


@shape_rule(*_SCALAR_KINDS)
def _scalar_type(call: CallArgs) -> Value:
    kind = _SCALAR_KINDS.get(call.qualname)
    bound = call.bind("x")
    if call.kwargs:
        return UNKNOWN
    x = bound.get("x")
    if x is None:
        return Array(SCALAR, kind)
    if isinstance(x, (Tup, Lst, Array, Range)):
        # Of an array-like it converts every element: np.float64(a) has a's shape.
        arr = operand(x)
        return UNKNOWN if arr is None else Array(arr.shape, kind, arr.origin if arr.rank == 1 else None)
    if isinstance(x, (Int, PyFloat)) or is_bool(x):
        if kind == "i" and isinstance(x, Int) and isinstance(x.value, Known) and abs(x.value.value) >= 2**31:
            return UNKNOWN  # may overflow the int type
        return Array(SCALAR, kind)
    if isinstance(x, Const) and isinstance(x.value, float):
        if kind == "i" and not math.isfinite(x.value):
            return UNKNOWN  # int(nan) and int(inf) raise
        return Array(SCALAR, kind)
    return UNKNOWN


# -- numpy.random --

_GEN = "numpy.random.Generator."
_LEGACY = "numpy.random.RandomState."


def _names(name: str, *, legacy: bool = True, generator: bool = True) -> list[str]:
    """Qualified names of the module function and of the methods with the same semantics."""
    out = []
    if legacy:
        out += [f"numpy.random.{name}", _LEGACY + name]
    if generator:
        out.append(_GEN + name)
    return out


def _bind(call: CallArgs, signature: str) -> dict[str, Value]:
    """Bind, with the generator as a leading `self` for methods."""
    method = call.qualname.startswith((_GEN, _LEGACY))
    return call.bind(("self, " if method else "") + signature)


def _py_int() -> Int:
    return Int(Unknown("random int"))


def _draw(
    call: CallArgs, bound: dict[str, Value], params: list[str], kind: str | None, scalar: Value, strict: bool = True
) -> Value:
    """Samples of a distribution: `size` if given, else the broadcast of the parameters.

    Known parameter values are checked against `_LIMITS` first. With
    `size=None` and scalar parameters numpy returns `scalar` (a Python float
    or int). An explicit size must hold the parameters' broadcast; for the
    integer samplers (`strict` False) it need only broadcast with them.
    """
    for name in params:
        low, high, message = _LIMITS.get(name, (None, None, ""))
        value = _number(bound.get(name))
        _require(value is None or ((low is None or value >= low) and (high is None or value <= high)), message)
    given = [bound[p] for p in params if p in bound]
    arrays = [operand(v) for v in given]
    if any(a is None for a in arrays):
        return UNKNOWN
    shapes = [a.shape for a in arrays]  # type: ignore[union-attr]
    size = bound.get("size")
    if is_none(size):
        joined = broadcast_shapes(shapes)
        if joined.axes is None:
            return UNKNOWN
        return scalar if joined.axes == () else made(joined, kind, call, given)
    target = dims(size)
    if target is None:
        return UNKNOWN
    if strict:
        _check_size(shapes, target)
    else:
        # The integer samplers skip the check for an empty size.
        joined = broadcast(list(shapes) + [target])
        if joined.error and target.concrete is not None and 0 not in target.concrete:
            raise ShapeError("broadcast", joined.error)
    return made(target, kind, call)


def _check_size(shapes: list[Shape], size: Shape) -> None:
    # numpy requires broadcast(params..., size) == size: parameters never stretch the output.
    axes, target = broadcast_shapes(list(shapes) + [size]).axes, size.axes
    if axes is None or target is None:
        return
    if len(axes) > len(target) or any(same_length(a, b) is False for a, b in zip(axes[len(axes) - len(target) :], target)):
        raise ShapeError(
            "broadcast",
            f"output size {format_shape(size)} is not compatible with the parameters' shapes "
            + " ".join(format_shape(s) for s in shapes),
        )


def _number(value: Value | None) -> float | None:
    """A known real number argument."""
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    if isinstance(value, Const) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
        return value.value
    return None


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ShapeError("value", message)


# The values numpy's samplers refuse, by parameter name: (lowest, highest, numpy's message).
_LIMITS = {
    "scale": (0, None, "scale < 0"),
    "lam": (0, None, "lam < 0 or lam is NaN"),
    "n": (0, None, "n < 0"),
    "p": (0, 1, "p < 0, p > 1 or p is NaN"),
}


@shape_rule(*_names("normal"))
def _normal(call: CallArgs) -> Value:
    return _draw(call, _bind(call, "loc=0.0, scale=1.0, size=None"), ["loc", "scale"], "f", PyFloat())


@shape_rule(*_names("uniform"))
def _uniform(call: CallArgs) -> Value:
    return _draw(call, _bind(call, "low=0.0, high=1.0, size=None"), ["low", "high"], "f", PyFloat())


@shape_rule(*_names("exponential"))
def _exponential(call: CallArgs) -> Value:
    return _draw(call, _bind(call, "scale=1.0, size=None"), ["scale"], "f", PyFloat())


@shape_rule(*_names("binomial"))
def _binomial(call: CallArgs) -> Value:
    bound = _bind(call, "n, p, size=None")
    if "n" not in bound or "p" not in bound:
        return UNKNOWN
    return _draw(call, bound, ["n", "p"], "i", _py_int())


@shape_rule(*_names("poisson"))
def _poisson(call: CallArgs) -> Value:
    return _draw(call, _bind(call, "lam=1.0, size=None"), ["lam"], "i", _py_int())


@shape_rule(
    *_names("standard_normal", generator=False),
    "numpy.random.random",
    "numpy.random.random_sample",
    "numpy.random.ranf",
    "numpy.random.sample",
    _LEGACY + "random",
    _LEGACY + "random_sample",
)
def _random_legacy(call: CallArgs) -> Value:
    return _draw(call, _bind(call, "size=None"), [], "f", PyFloat())


@shape_rule(_GEN + "random", _GEN + "standard_normal")
def _random_generator(call: CallArgs) -> Value:
    bound = _bind(call, "size=None, dtype=None, out=None")
    out = bound.get("out")
    if not is_none(out):
        # The samples are written into `out`, which is returned.
        return out if isinstance(out, Array) and is_none(bound.get("size")) else UNKNOWN
    return _draw(call, bound, [], "f", PyFloat())


@shape_rule("numpy.random.rand", "numpy.random.randn", _LEGACY + "rand", _LEGACY + "randn")
def _rand(call: CallArgs) -> Value:
    bound = _bind(call, "*dims")
    dimensions = bound["dims"]
    items = dimensions.items if isinstance(dimensions, Tup) else ()
    if not items:
        return PyFloat()
    lengths = [_length(d) for d in items]
    if any(n is None and not may_be_length(d) for n, d in zip(lengths, items)):
        return UNKNOWN  # a tuple, a float, a bool: numpy raises
    # One axis per argument: numpy takes nothing but an int for a dimension.
    return made(Shape(tuple(n if n is not None else Unknown("rand dimension") for n in lengths)), "f", call)


def _check_int_range(low: Value, high: Value | None, inclusive: bool) -> None:
    lo, hi = _number(low), _number(high) if high is not None else None
    if high is None:
        lo, hi = 0, lo
    if lo is None or hi is None:
        return
    _require(hi >= lo if inclusive else hi > lo, "low >= high" if high is not None else "high <= 0")


@shape_rule("numpy.random.randint", _LEGACY + "randint")
def _randint(call: CallArgs) -> Value:
    bound = _bind(call, "low, high=None, size=None, dtype=None")
    if "low" not in bound:
        return UNKNOWN
    high = None if is_none(bound.get("high")) else bound["high"]
    _check_int_range(bound["low"], high, inclusive=False)
    dtype = bound.get("dtype")
    kind = dtype_kind(dtype, "i")
    # Only the default dtype (Python int) gives a Python int; np.int8 gives a numpy int.
    if is_none(dtype) or _is_python_int_type(dtype):
        scalar: Value = _py_int()
    else:
        scalar = Array(SCALAR, "i") if kind == "i" else UNKNOWN
    params = bound if high is not None else _without(bound, "high")
    return _draw(call, params, ["low", "high"], kind, scalar, strict=False)


def _without(bound: dict[str, Value], key: str) -> dict[str, Value]:
    return {k: v for k, v in bound.items() if k != key}


@shape_rule(_GEN + "integers")
def _integers(call: CallArgs) -> Value:
    bound = _bind(call, "low, high=None, size=None, dtype=None, endpoint=False")
    if "low" not in bound:
        return UNKNOWN
    high = None if is_none(bound.get("high")) else bound["high"]
    endpoint = bound.get("endpoint", Const(False))
    if endpoint in (Const(False), Const(True)):
        _check_int_range(bound["low"], high, inclusive=endpoint == Const(True))
    kind = dtype_kind(bound.get("dtype"), "i")
    # Generator.integers returns a numpy int even for one sample (a Python bool for dtype=bool).
    scalar: Value = Array(SCALAR, "i") if kind == "i" else UNKNOWN
    params = _without(bound, "high") if high is None else bound
    return _draw(call, params, ["low", "high"], kind, scalar, strict=False)


@shape_rule(*_names("choice"))
def _choice(call: CallArgs) -> Value:
    generator = call.qualname.startswith(_GEN)
    extra = ", axis=0, shuffle=True" if generator else ""
    bound = _bind(call, f"a, size=None, replace=True, p=None{extra}")
    if "a" not in bound:
        return UNKNOWN
    a = bound["a"]
    size = None if is_none(bound.get("size")) else dims(bound["size"])
    if not is_none(bound.get("size")) and size is None:
        return UNKNOWN
    population = _population(a)
    if population is None:
        return UNKNOWN
    count, items = population
    if items is None:
        # An int population: the samples are ints, one of them a Python int.
        _check_choice(bound, count, size)
        return _py_int() if size is None else made(size, "i", call)
    if not generator:
        _require(items.rank == 1, "a must be 1-dimensional")
        _check_choice(bound, count, size)
        return Array(SCALAR, items.dtype) if size is None else made(size, items.dtype, call)
    if items.shape.axes is None:
        return UNKNOWN
    at = one_axis(bound.get("axis", Int(Known(0))), len(items.shape.axes))
    if at is None:
        return UNKNOWN
    _check_choice(bound, items.shape.axes[at], size)
    middle = () if size is None else size.axes
    shape = Shape(items.shape.axes[:at] + middle + items.shape.axes[at + 1 :])  # type: ignore[operator]
    return made(shape, items.dtype, call, [a] if size is None else [])


def _population(a: Value) -> tuple[Axis, Array | None] | None:
    """The number of candidates and, for an array population, the array (None for an int)."""
    if isinstance(a, Int):
        return a.value, None
    if isinstance(a, Array) and a.shape.axes == ():
        # A 0-d int array is used as an int.
        return (Unknown("0-d population"), None) if a.dtype == "i" else None
    if isinstance(a, Opaque) or is_bool(a):
        return None
    arr = operand(a)
    if arr is None or not arr.shape.axes:
        return None
    return arr.shape.axes[0], arr


def _check_choice(bound: dict[str, Value], count: Axis, size: Shape | None) -> None:
    """The errors of `choice` that known sizes make certain."""
    if size is None:
        samples: int | None = 1
    else:
        concrete = size.concrete
        samples = math.prod(concrete) if concrete is not None else None
    if isinstance(count, Known) and count.value <= 0 and samples is not None and samples > 0:
        raise ShapeError("value", "a must be greater than 0 (or not empty) unless no samples are taken")
    replace = bound.get("replace", Const(True))
    if replace == Const(False) and isinstance(count, Known) and samples is not None and size is not None:
        _require(samples <= count.value, "Cannot take a larger sample than population when replace=False")
    p = bound.get("p")
    if not is_none(p):
        p_arr = operand(p)
        if p_arr is not None and p_arr.shape.axes is not None:
            _require(len(p_arr.shape.axes) == 1, "'p' must be 1-dimensional")
            _require(same_length(p_arr.shape.axes[0], count) is not False, "'a' and 'p' must have same size")


@shape_rule(*_names("permutation"))
def _permutation(call: CallArgs) -> Value:
    generator = call.qualname.startswith(_GEN)
    bound = _bind(call, "x, axis=0" if generator else "x")
    if "x" not in bound:
        return UNKNOWN
    x = bound["x"]
    if isinstance(x, Int):
        n = x.value
        if isinstance(n, Known) and n.value < 0:
            n = Known(0)  # like range(n)
        return made(Shape((n,)), "i", call)
    if isinstance(x, Array) and x.shape.axes == ():
        return UNKNOWN  # a numpy int is a count, a 0-d array an error: the two look alike here
    arr = operand(x) if not is_bool(x) and not isinstance(x, (Const, PyFloat)) else None
    if arr is None or arr.shape.axes is None:
        return UNKNOWN
    rank = len(arr.shape.axes)
    _require(rank >= 1, "x must be an integer or at least 1-dimensional")
    if generator:
        axis = int_of(bound.get("axis", Int(Known(0))))
        if not isinstance(axis, Known):
            return UNKNOWN
        if not -rank <= axis.value < rank:
            raise ShapeError("axis", f"axis {axis.value} is out of bounds for array of dimension {rank}")
    return made(arr.shape, arr.dtype, call, [x])


@shape_rule(*_names("multinomial", generator=False))
def _multinomial(call: CallArgs) -> Value:
    """`size` draws of one count per category: `size + (len(pvals),)` (legacy `pvals` must be 1-D)."""
    bound = _bind(call, "n, pvals, size=None")
    if "pvals" not in bound:
        return UNKNOWN
    size = Shape(()) if is_none(bound.get("size")) else dims(bound["size"])
    pvals = operand(bound["pvals"])
    if size is None or (pvals is not None and pvals.rank not in (None, 1)):
        return UNKNOWN
    categories = pvals.shape.axes[0] if pvals is not None and pvals.shape.axes else Unknown("categories")
    # One count per category of `pvals`: rank 1 comes from `pvals`, not from a size.
    return Array(Shape((size.axes or ()) + (categories,)), "i")


@shape_rule("numpy.random.seed", _LEGACY + "seed")
def _seed(call: CallArgs) -> Value:
    _bind(call, "seed=None")
    return NONE


@shape_rule("numpy.random.shuffle", _LEGACY + "shuffle")
def _shuffle(call: CallArgs) -> Value:
    return NONE if "x" in _bind(call, "x") else UNKNOWN


@shape_rule("numpy.random.default_rng")
def _default_rng(call: CallArgs) -> Value:
    call.bind("seed=None")
    return RandomGen("Generator")


@shape_rule("numpy.random.RandomState")
def _random_state(call: CallArgs) -> Value:
    call.bind("seed=None")
    return RandomGen("RandomState")


# SHAPED and read_dtype live in _dtypes; test_creation.py imports them from here.
__all__ = ["SHAPED", "dims", "made", "read_dtype"]
