"""Property tests of the elementwise rules (shapelint/numpy_api/_ufuncs.py) against real numpy.

Operand shapes are drawn so that they often broadcast (axes replaced by 1,
leading axes dropped) and sometimes do not (unrelated shapes); operands are
arrays of every dtype kind, nested lists and Python scalars.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint.domain import SCALAR, Known, Shape, Sym, Unknown, shape_of
from shapelint.numpy_api import REGISTRY, ShapeError
from shapelint.numpy_api._ufuncs import elementwise
from shapelint.values import NONE, UNKNOWN, Array, Const, Int, Lst, PyFloat, Reduced, Ref, Tup, Value

from ._check import abstract, check, dtype_kind, is_exact, make_array, numpy_result, related_shape, run

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BINARY = [
    "numpy.add",
    "numpy.subtract",
    "numpy.multiply",
    "numpy.divide",
    "numpy.true_divide",
    "numpy.floor_divide",
    "numpy.mod",
    "numpy.remainder",
    "numpy.power",
    "numpy.float_power",
    "numpy.maximum",
    "numpy.minimum",
    "numpy.fmax",
    "numpy.fmin",
    "numpy.arctan2",
    "numpy.hypot",
    "numpy.logical_and",
    "numpy.logical_or",
    "numpy.logical_xor",
    "numpy.bitwise_and",
    "numpy.bitwise_or",
    "numpy.bitwise_xor",
    "numpy.equal",
    "numpy.not_equal",
    "numpy.less",
    "numpy.less_equal",
    "numpy.greater",
    "numpy.greater_equal",
]

UNARY = [
    "numpy.exp",
    "numpy.exp2",
    "numpy.expm1",
    "numpy.log",
    "numpy.log2",
    "numpy.log10",
    "numpy.log1p",
    "numpy.sqrt",
    "numpy.square",
    "numpy.abs",
    "numpy.absolute",
    "numpy.fabs",
    "numpy.sign",
    "numpy.negative",
    "numpy.positive",
    "numpy.reciprocal",
    "numpy.sin",
    "numpy.cos",
    "numpy.tan",
    "numpy.arcsin",
    "numpy.arccos",
    "numpy.arctan",
    "numpy.sinh",
    "numpy.cosh",
    "numpy.tanh",
    "numpy.floor",
    "numpy.ceil",
    "numpy.rint",
    "numpy.trunc",
    "numpy.logical_not",
    "numpy.invert",
    "numpy.isnan",
    "numpy.isinf",
    "numpy.isfinite",
]

# Same shape as the input, not ufuncs (no out=/where= machinery of their own).
SAME_SHAPE = ["numpy.round", "numpy.around", "numpy.nan_to_num"]
METHODS = ["numpy.ndarray.clip", "numpy.ndarray.round", "numpy.ndarray.astype", "numpy.ndarray.copy", "numpy.ndarray.conj"]
OTHER = ["numpy.clip", "numpy.where"]

BOOL_RESULT = {"numpy.logical_and", "numpy.logical_or", "numpy.logical_xor", "numpy.logical_not"} | {
    name for name in BINARY if name.split(".")[1] in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal")
} | {"numpy.isnan", "numpy.isinf", "numpy.isfinite"}
# The abstract 'f' kind covers complex too; these refuse complex inputs, so tests give them real floats only.
NO_COMPLEX = {
    "numpy.floor_divide", "numpy.mod", "numpy.remainder", "numpy.arctan2", "numpy.hypot", "numpy.fabs",
    "numpy.floor", "numpy.ceil", "numpy.trunc", "numpy.maximum", "numpy.minimum", "numpy.fmax", "numpy.fmin",
    "numpy.less", "numpy.less_equal", "numpy.greater", "numpy.greater_equal", "numpy.clip",
}  # fmt: skip
# Kinds the table leaves unknown on purpose (numpy versions differ).
UNKNOWN_KIND_OK = {"numpy.floor", "numpy.ceil", "numpy.trunc"}


# -- strategies --

lengths = st.one_of(st.integers(1, 5), st.just(0), st.just(1))
shapes = st.lists(lengths, min_size=0, max_size=4).map(tuple)


KINDS = ["b", "i", "f", "c"]


@st.composite
def operand(draw, shape: tuple[int, ...], kinds: list[str]):
    """An array, a nested list or (for a 0-d shape sometimes) a Python scalar."""
    kind = draw(st.sampled_from(kinds))
    form = draw(st.integers(0, 6))
    if shape == () and form <= 2:
        if kind == "b":
            return draw(st.booleans())
        if kind == "i":
            return draw(st.integers(-2, 3))
        # (no complex Python scalars: the test harness has no abstract value for them)
        return draw(st.sampled_from([0.5, 1.5, 2.0]))
    arr = make_array(shape, kind, draw(st.integers(0, 1000)))
    if form == 3 and kind != "c":
        return arr.tolist()
    return arr


def kinds_for(name: str) -> list[str]:
    return ["b", "i", "f"] if name in NO_COMPLEX else KINDS


# -- assertions --


def assert_kind(name: str, inferred: Value | ShapeError, actual) -> None:
    """A claimed dtype kind is numpy's kind."""
    if isinstance(inferred, Array) and inferred.dtype is not None:
        real = dtype_kind(np.asarray(actual).dtype)
        assert inferred.dtype == real, f"{name}: dtype kind {inferred.dtype}, numpy {np.asarray(actual).dtype}"


def assert_exact(name: str, inferred, actual, error, args) -> None:
    """Where numpy answers, the rule knows the full shape; where numpy refuses, the rule raises."""
    if error is None:
        if actual is NotImplemented:
            return
        assert is_exact(inferred), f"{name}{args!r}: rule gave {inferred!r}, numpy shape {np.shape(actual)}"
        assert inferred.shape.concrete == np.shape(actual)
        return
    if all(a is None or isinstance(a, (bool, int, float, complex)) for a in args):
        # Python scalars alone: Python's operators would accept what numpy refuses.
        assert isinstance(inferred, ShapeError) or inferred == UNKNOWN
        return
    assert isinstance(inferred, ShapeError), f"{name}{args!r}: numpy raised {error!r}, rule gave {inferred!r}"
    if "broadcast" in str(error):
        assert inferred.kind == "broadcast"


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)


# -- ufuncs --


@pytest.mark.parametrize("name", BINARY)
@SETTINGS
@given(data=st.data())
def test_binary_ufunc(name, data):
    base = data.draw(shapes)
    other = data.draw(related_shape(base, shapes))
    if data.draw(st.booleans()):
        base, other = other, base
    kinds = kinds_for(name)
    x1 = data.draw(operand(base, kinds))
    x2 = data.draw(operand(other, kinds))
    inferred = check(name, x1, x2)
    actual, error = numpy_result(name, x1, x2)
    assert_exact(name, inferred, actual, error, (x1, x2))
    if error is None:
        assert_kind(name, inferred, actual)
        if name in BOOL_RESULT or name in ("numpy.add", "numpy.multiply", "numpy.true_divide"):
            assert inferred.dtype is not None


@pytest.mark.parametrize("name", UNARY)
@SETTINGS
@given(data=st.data())
def test_unary_ufunc(name, data):
    x = data.draw(operand(data.draw(shapes), kinds_for(name)))
    inferred = check(name, x)
    actual, error = numpy_result(name, x)
    assert_exact(name, inferred, actual, error, (x,))
    if error is None:
        assert_kind(name, inferred, actual)
        if name not in UNKNOWN_KIND_OK:
            assert inferred.dtype is not None


@pytest.mark.parametrize("name", BINARY + UNARY)
def test_unknown_dtype_keeps_the_shape(name):
    arity = 2 if name in BINARY else 1
    args = [Array(shape_of(3, 1)), Array(shape_of(4))][:arity]
    inferred = run(name, *args)
    assert isinstance(inferred, Array)
    assert inferred.shape == (shape_of(3, 4) if arity == 2 else shape_of(3, 1))
    # Comparisons and isnan are bool for every dtype; the rest depend on the dtype.
    assert inferred.dtype == ("b" if name in BOOL_RESULT and "logical" not in name else None)


@SETTINGS
@given(data=st.data())
def test_out_and_where_keywords(data):
    base = data.draw(shapes)
    other = data.draw(related_shape(base, shapes))
    x1 = make_array(base, "f", 1)
    x2 = make_array(other, "f", 2)
    out = np.zeros(data.draw(related_shape(base, shapes)))
    mask = make_array(data.draw(related_shape(base, shapes)), "b", 3)
    for kwargs in ({"out": out}, {"where": mask}, {"out": out, "where": mask}):
        inferred = check("numpy.add", x1, x2, **kwargs)
        actual, error = numpy_result("numpy.add", x1, x2, **kwargs)
        assert_exact("numpy.add", inferred, actual, error, (x1, x2))
    inferred = check("numpy.exp", x1, out=np.zeros(base))
    assert is_exact(inferred)


def test_ufunc_keywords():
    a, i = Array(shape_of(2, 3), "f"), Array(shape_of(2, 3), "i")
    assert run("numpy.add", i, i, dtype=Const(np.float32)) == Array(shape_of(2, 3), "f")
    assert run("numpy.add", a, a, dtype=Const(np.int64)) == UNKNOWN  # same_kind refuses float -> int
    assert run("numpy.add", a, a, dtype=Const(np.int64), casting=Const("unsafe")) == Array(shape_of(2, 3), "i")
    assert run("numpy.add", a, a, casting=Const("no")) == UNKNOWN
    assert isinstance(run("numpy.add", a, a, out=Array(shape_of(2, 3), "i")), ShapeError)
    out = Array(shape_of(2, 3), "f")
    assert run("numpy.add", a, Int(Known(1)), out=Tup((out,))) == out
    assert run("numpy.add", a, a, out) == out  # `out` by position
    assert run("numpy.add", a) == UNKNOWN
    assert run("numpy.add", a, a, a, a) == UNKNOWN
    assert run("numpy.add", x1=a, x2=a) == UNKNOWN
    assert run("numpy.exp", a, bogus=Const(1)) == UNKNOWN


# -- Python operators go through the same rules --


def test_operators_with_python_scalars():
    v = Array(shape_of(5), "i")
    assert run("numpy.add", v, Int(Known(1))) == Array(shape_of(5), "i")
    assert run("numpy.add", Int(Known(1)), v) == Array(shape_of(5), "i")
    assert run("numpy.true_divide", v, Int(Known(2))) == Array(shape_of(5), "f")
    assert run("numpy.floor_divide", v, Int(Known(2))) == Array(shape_of(5), "i")
    assert run("numpy.remainder", v, PyFloat()) == Array(shape_of(5), "f")
    assert run("numpy.less", v, PyFloat()) == Array(shape_of(5), "b")
    assert run("numpy.power", v, Int(Known(2))) == Array(shape_of(5), "i")
    assert isinstance(run("numpy.power", v, Int(Known(-1))), ShapeError)
    assert run("numpy.power", Int(Known(2)), Int(Known(-1))) == UNKNOWN  # Python's 2 ** -1 is fine
    assert run("numpy.negative", v) == Array(shape_of(5), "i")
    mask = Array(shape_of(5), "b")
    assert run("numpy.bitwise_and", mask, mask) == Array(shape_of(5), "b")
    assert run("numpy.invert", mask) == Array(shape_of(5), "b")
    assert run("numpy.bitwise_and", mask, Int(Known(1))) == Array(shape_of(5), "i")
    assert run("numpy.invert", Array(shape_of(5), "f")).kind == "dtype"
    assert run("numpy.negative", mask).kind == "dtype"
    assert run("numpy.subtract", mask, mask).kind == "dtype"
    assert run("numpy.subtract", Const(True), Const(True)) == UNKNOWN
    assert run("numpy.add", Int(Known(1)), Int(Known(2))) == Array(SCALAR, "i")  # as np.add(1, 2)
    assert run("numpy.add", v, Const("s")) == UNKNOWN
    assert run("numpy.equal", v, NONE) == UNKNOWN


def test_elementwise_function():
    n = Sym("n", "n")
    result = elementwise([Array(Shape((n, Known(1)))), Int(Known(2)), Array(shape_of(4), "f")], "f")
    assert result == Array(Shape((n, Known(4))), "f")
    assert elementwise([Array(shape_of(3)), UNKNOWN], None) == UNKNOWN
    with pytest.raises(ShapeError) as info:
        elementwise([Array(shape_of(3, 4)), Array(shape_of(3))], None)
    assert info.value.kind == "broadcast"
    assert elementwise([Int(Known(1)), PyFloat()], "f") == Array(SCALAR, "f")
    assert elementwise([Lst((Int(Known(1)), Int(Known(2)))), Array(shape_of(3, 1))], "i").shape == shape_of(3, 2)


def test_symbolic_shapes():
    n, m = Sym("n", "n"), Sym("m", "m")
    a = Array(Shape((n, Known(3))), "f")
    assert run("numpy.multiply", a, Array(shape_of(3), "f")) == a
    assert run("numpy.multiply", a, Array(Shape((n, Known(1))), "f")) == a
    assert run("numpy.add", Array(Shape((n,))), Array(Shape((m,)))).shape.axes[0] == Unknown()
    assert run("numpy.add", a, Array(shape_of(4), "f")).kind == "broadcast"
    assert run("numpy.add", Array(Shape(None), "f"), Array(shape_of(2), "f")) == Array(Shape(None), "f")


def test_provenance():
    origin = object()
    v = Array(shape_of(5), "f", origin=origin)
    assert run("numpy.multiply", Int(Known(2)), v).origin is origin
    assert run("numpy.exp", v).origin is origin
    reduced = Reduced(2, (1,))
    r = Array(shape_of(3), "f", reduced=reduced)
    assert run("numpy.sqrt", r).reduced == reduced
    assert run("numpy.multiply", r, PyFloat()).reduced == reduced
    assert run("numpy.multiply", r, Array(shape_of(3), "f")).reduced is None
    e = Array(shape_of(3, 1), "f", explicit=True)
    assert run("numpy.multiply", e, Int(Known(2))).explicit


# -- where, clip --


@SETTINGS
@given(data=st.data())
def test_where_three_arguments(data):
    base = data.draw(shapes)
    cond = data.draw(operand(data.draw(related_shape(base, shapes)), ["b"]))
    x = data.draw(operand(data.draw(related_shape(base, shapes)), ["b", "i", "f"]))
    y = data.draw(operand(base, ["b", "i", "f"]))
    inferred = check("numpy.where", cond, x, y)
    actual, error = numpy_result("numpy.where", cond, x, y)
    assert_exact("numpy.where", inferred, actual, error, (cond, x, y))
    if error is None:
        assert_kind("numpy.where", inferred, actual)
        assert inferred.dtype is not None


@SETTINGS
@given(shape=shapes)
def test_where_one_argument(shape):
    cond = make_array(shape, "b", 0)
    inferred = check("numpy.where", cond)
    actual, error = numpy_result("numpy.where", cond)
    if error is not None:
        assert inferred == UNKNOWN
        return
    assert isinstance(inferred, Tup) and len(inferred.items) == len(actual)
    for item, real in zip(inferred.items, actual):
        assert item.rank == 1 and item.dtype == "i" and real.ndim == 1 and real.dtype.kind == "i"


def test_where_other_arities():
    assert run("numpy.where", Array(shape_of(3), "b"), Int(Known(1))).kind == "value"
    assert run("numpy.where", Array(Shape(None), "b")) == UNKNOWN
    assert run("numpy.where", condition=Array(shape_of(3), "b")) == UNKNOWN


@SETTINGS
@given(data=st.data())
def test_clip(data):
    base = data.draw(shapes)
    a = data.draw(operand(base, ["b", "i", "f"]))
    bounds = [
        data.draw(st.one_of(st.none(), operand(data.draw(related_shape(base, shapes)), ["i", "f"]))) for _ in range(2)
    ]
    for name, args, kwargs in [
        ("numpy.clip", (a, *bounds), {}),
        ("numpy.clip", (a,), {"min": bounds[0], "max": bounds[1]}),
        ("numpy.ndarray.clip", (np.asarray(a), *bounds), {}),
        ("numpy.ndarray.clip", (np.asarray(a),), {"max": bounds[1]}),
    ]:
        inferred = check(name, *args, **kwargs)
        actual, error = numpy_result(name, *args, **kwargs)
        assert_exact(name, inferred, actual, error, args)
        if error is None:
            assert_kind(name, inferred, actual)


def test_clip_refuses_both_spellings():
    a = Array(shape_of(3), "f")
    assert run("numpy.clip", a, Int(Known(0)), Int(Known(1)), min=Int(Known(0))) == UNKNOWN


# -- rounding, nan_to_num and the methods --


@pytest.mark.parametrize("name", SAME_SHAPE + ["numpy.ndarray.round", "numpy.ndarray.copy", "numpy.ndarray.conj"])
@SETTINGS
@given(data=st.data())
def test_same_shape_functions(name, data):
    x = data.draw(operand(data.draw(shapes), KINDS))
    if name.startswith("numpy.ndarray."):
        x = np.asarray(x)
    inferred = check(name, x)
    actual, error = numpy_result(name, x)
    assert_exact(name, inferred, actual, error, (x,))
    assert_kind(name, inferred, actual)
    if name in ("numpy.round", "numpy.ndarray.round"):
        inferred = check(name, x, 1)
        _, error = numpy_result(name, x, 1)
        # Booleans cannot be rounded to other decimals (numpy computes in floats and cannot cast back).
        assert isinstance(inferred, ShapeError) if error else is_exact(inferred)


DTYPES = [
    (Ref("builtins.bool"), bool, "b"),
    (Ref("builtins.int"), int, "i"),
    (Ref("builtins.float"), float, "f"),
    (Ref("builtins.complex"), complex, "f"),
    (Ref("numpy.int64"), np.int64, "i"),
    (Ref("numpy.uint8"), np.uint8, "i"),
    (Ref("numpy.float32"), np.float32, "f"),
    (Ref("numpy.bool_"), np.bool_, "b"),
    (Const("bool"), "bool", "b"),
    (Const("int"), "int", "i"),
    (Const("float64"), "float64", "f"),
    (Const("i4"), "i4", "i"),
    (Const(np.int32), np.int32, "i"),
    (Const("U3"), "U3", None),
    (Ref("builtins.object"), object, None),
]


@pytest.mark.parametrize("dtype, real_dtype, kind", DTYPES)
@settings(max_examples=10, deadline=None)
@given(shape=shapes, source=st.sampled_from(["b", "i", "f"]))
def test_astype(dtype, real_dtype, kind, shape, source):
    a = make_array(shape, source, 0)
    inferred = run("numpy.ndarray.astype", abstract(a), dtype)
    actual = quiet(a.astype, real_dtype)
    assert isinstance(inferred, Array) and inferred.shape.concrete == np.shape(actual)
    assert inferred.dtype == kind
    assert kind is None or dtype_kind(np.asarray(actual).dtype) == kind
    assert is_exact(check("numpy.ndarray.astype", a, "float32"))


def test_astype_edge_cases():
    a = Array(shape_of(2), "f")
    assert run("numpy.ndarray.astype", a, Const("(2,)f8")) == UNKNOWN  # a sub-array dtype adds axes
    assert run("numpy.ndarray.astype", a, UNKNOWN) == Array(shape_of(2), None)
    assert run("numpy.ndarray.astype", a, NONE) == Array(shape_of(2), "f")
    assert run("numpy.ndarray.astype", a, Ref("numpy.int64"), casting=Const("safe")) == UNKNOWN
    assert run("numpy.ndarray.astype", a) == UNKNOWN


def test_every_name_is_registered():
    for name in BINARY + UNARY + SAME_SHAPE + METHODS + OTHER:
        assert name in REGISTRY, name


def test_never_crashes_on_odd_arguments():
    odd = [UNKNOWN, NONE, Const("x"), Tup(()), Lst(None), Ref("numpy.add"), Array(Shape(None)), Int(Unknown())]
    for name in BINARY + UNARY + SAME_SHAPE + METHODS + OTHER:
        for value in odd:
            for args in ([value], [value, value], [Array(shape_of(2)), value], [value, Array(shape_of(2)), value]):
                result = run(name, *args)
                assert isinstance(result, (Value, ShapeError))
