"""Property tests of the reduction rules against real numpy.

Every case runs the rule and numpy on the same arguments through `check`; the
common cases (rank >= 1, a valid axis) must also be exact, with numpy's dtype
kind, and un-kept reductions must carry `Reduced` provenance.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from shapelint.domain import SCALAR, UNKNOWN_SHAPE, Known, Shape, Sym, Unknown, shape_of
from shapelint.numpy_api import REGISTRY, ShapeError
from shapelint.values import NONE, UNKNOWN, Array, Const, Int, Lst, Opaque, PyFloat, Reduced, Tup

from ._check import check, check_any, dtype_kind, infer, is_exact, numpy_result, run, signed_array

SETTINGS = settings(max_examples=120, deadline=None)

AXIS_REDUCTIONS = [
    "numpy.sum",
    "numpy.mean",
    "numpy.max",
    "numpy.min",
    "numpy.amax",
    "numpy.amin",
    "numpy.std",
    "numpy.var",
    "numpy.prod",
    "numpy.any",
    "numpy.all",
    "numpy.median",
    "numpy.nansum",
    "numpy.nanmean",
    "numpy.nanmax",
    "numpy.nanmin",
    "numpy.count_nonzero",
    "numpy.ptp",
    "numpy.ndarray.sum",
    "numpy.ndarray.mean",
    "numpy.ndarray.max",
    "numpy.ndarray.min",
    "numpy.ndarray.std",
    "numpy.ndarray.var",
    "numpy.ndarray.prod",
    "numpy.ndarray.any",
    "numpy.ndarray.all",
]
ARG_REDUCTIONS = ["numpy.argmax", "numpy.argmin", "numpy.ndarray.argmax", "numpy.ndarray.argmin"]
CUMULATIVE = ["numpy.cumsum", "numpy.cumprod", "numpy.ndarray.cumsum", "numpy.ndarray.cumprod"]
OTHERS = ["numpy.average", "numpy.linalg.norm"]
ALL_NAMES = AXIS_REDUCTIONS + ARG_REDUCTIONS + CUMULATIVE + OTHERS

# Reductions whose result is meant to be broadcast back, so SL007 needs provenance.
NO_PROVENANCE = set(ARG_REDUCTIONS) | set(CUMULATIVE)

EXPECTED_KIND = {
    "numpy.mean": "f", "numpy.std": "f", "numpy.var": "f", "numpy.median": "f", "numpy.nanmean": "f",
    "numpy.ndarray.mean": "f", "numpy.ndarray.std": "f", "numpy.ndarray.var": "f",
    "numpy.any": "b", "numpy.all": "b", "numpy.ndarray.any": "b", "numpy.ndarray.all": "b",
    "numpy.argmax": "i", "numpy.argmin": "i", "numpy.ndarray.argmax": "i", "numpy.ndarray.argmin": "i",
    "numpy.count_nonzero": "i",
}  # fmt: skip


def test_every_rule_of_the_module_is_tested() -> None:
    mine = {name for name, rule in REGISTRY.items() if rule.__module__.endswith("_reductions")}
    assert mine == set(ALL_NAMES)


# -- strategies --

lengths = st.integers(1, 4) | st.just(0)
shapes = st.lists(lengths, min_size=0, max_size=4).map(tuple)
kinds = st.sampled_from(["f", "i", "b"])


@st.composite
def arrays(draw, shape=None, kind=None):
    shape = draw(shapes) if shape is None else shape
    kind = draw(kinds) if kind is None else kind
    return signed_array(shape, kind, draw(st.integers(0, 2**16)))


@st.composite
def axis_args(draw, rank, tuple_ok=True):
    """None, an int (sometimes out of range), or a tuple of ints (sometimes repeated)."""
    choice = draw(st.sampled_from(["none", "int", "int", "tuple"] if tuple_ok else ["none", "int", "int"]))
    if choice == "none":
        return None
    if choice == "int":
        return draw(st.integers(-rank - 1, rank))
    count = draw(st.integers(0, rank + 1))
    return tuple(draw(st.lists(st.integers(-rank - 1, rank), min_size=count, max_size=count)))


def _valid_axes(axis, rank):
    """The normalized axes numpy accepts, or None if it raises."""
    if axis is None:
        return tuple(range(rank))
    items = axis if isinstance(axis, tuple) else (axis,)
    if any(not -rank <= a < rank for a in items):
        return None
    normalized = tuple(sorted(a % rank for a in items))
    return normalized if len(set(normalized)) == len(normalized) else None


def assert_exact(name, inferred, actual):
    assert is_exact(inferred), f"{name}: expected an exact answer, got {inferred!r}"
    assert inferred.dtype == dtype_kind(np.asarray(actual).dtype), f"{name}: dtype {inferred.dtype} vs {np.asarray(actual).dtype}"


# -- properties --


@SETTINGS
@given(st.sampled_from(AXIS_REDUCTIONS), arrays(), st.data(), st.booleans())
def test_axis_reductions(name, a, data, keepdims):
    axis = data.draw(axis_args(a.ndim))
    kwargs = {"axis": axis}
    if keepdims or data.draw(st.booleans()):
        kwargs["keepdims"] = keepdims
    if name == "numpy.ptp" and a.dtype == bool:
        a = a.astype(int)
    inferred = check(name, a, **kwargs)
    actual, error = numpy_result(name, a, **kwargs)
    zero_d_axis = a.ndim == 0 and axis not in (None, ())
    median_no_axes = name == "numpy.median" and axis == ()  # numpy fails it on empty arrays
    if error is None and not zero_d_axis and not median_no_axes:
        assert_exact(name, inferred, actual)
        if name in EXPECTED_KIND:
            assert inferred.dtype == EXPECTED_KIND[name]
        axes = _valid_axes(axis, a.ndim)
        if not keepdims and axis is not None and axes and np.ndim(actual) >= 1:
            assert inferred.reduced == Reduced(source_rank=a.ndim, axes=axes)
        else:
            assert inferred.reduced is None
    if error is not None and _valid_axes(axis, a.ndim) is None and a.ndim > 0:
        assert isinstance(inferred, ShapeError) and inferred.kind == "axis"


@SETTINGS
@given(st.sampled_from(["numpy.max", "numpy.min", "numpy.nanmax", "numpy.ndarray.max", "numpy.ptp"]), st.data())
def test_empty_reduction_without_identity_raises(name, data):
    a = data.draw(arrays(shape=data.draw(st.sampled_from([(0,), (0, 3), (3, 0), (0, 0), (2, 0, 3)])), kind="f"))
    axis = data.draw(axis_args(a.ndim))
    inferred = check(name, a, axis=axis)
    actual, error = numpy_result(name, a, axis=axis)
    if error is not None and _valid_axes(axis, a.ndim) is not None:
        assert isinstance(inferred, ShapeError) and inferred.kind == "reduction"
    if name != "numpy.ptp":
        # with `initial` an empty reduction is fine
        result = check(name, a, axis=axis, initial=0.0)
        if numpy_result(name, a, axis=axis, initial=0.0)[1] is None:
            assert is_exact(result)


@SETTINGS
@given(st.sampled_from(ARG_REDUCTIONS), arrays(), st.data(), st.booleans())
def test_arg_reductions(name, a, data, keepdims):
    axis = data.draw(axis_args(a.ndim))
    kwargs = {"axis": axis, "keepdims": keepdims} if keepdims else {"axis": axis}
    inferred = check(name, a, **kwargs)
    actual, error = numpy_result(name, a, **kwargs)
    if error is None and not (a.ndim == 0 and axis is not None):
        assert_exact(name, inferred, actual)
        assert inferred.dtype == "i" and inferred.reduced is None
    if isinstance(axis, tuple):
        assert isinstance(inferred, ShapeError) or inferred is UNKNOWN


@SETTINGS
@given(st.sampled_from(CUMULATIVE), arrays(), st.data())
def test_cumulative(name, a, data):
    axis = data.draw(axis_args(max(a.ndim, 1), tuple_ok=data.draw(st.booleans())))
    inferred = check(name, a, axis=axis)
    actual, error = numpy_result(name, a, axis=axis)
    if error is None:
        assert_exact(name, inferred, actual)
        assert inferred.reduced is None


@SETTINGS
@given(arrays(), st.data(), st.booleans(), st.booleans())
def test_average(a, data, keepdims, returned):
    axis = data.draw(axis_args(a.ndim))
    kwargs = {"axis": axis, "keepdims": keepdims, "returned": returned}
    weights = data.draw(st.sampled_from(["none", "full", "axes", "wrong"]))
    if weights != "none" and 0 not in a.shape:
        rng = np.random.default_rng(0)
        if weights == "full":
            kwargs["weights"] = rng.uniform(1, 2, size=a.shape)
        elif weights == "axes" and isinstance(axis, (int, tuple)) and _valid_axes(axis, a.ndim) is not None:
            items = axis if isinstance(axis, tuple) else (axis,)
            kwargs["weights"] = rng.uniform(1, 2, size=tuple(a.shape[k] for k in items))
        elif weights == "wrong":
            kwargs["weights"] = rng.uniform(1, 2, size=a.shape + (2,))
    try:
        actual, error = numpy_result("numpy.average", a, **kwargs)
    except ZeroDivisionError:  # an empty average; not a shape error, but no result either
        inferred = infer("numpy.average", a, **kwargs)
        assert not is_exact(inferred) and not (isinstance(inferred, Tup) and all(map(is_exact, inferred.items)))
        return
    inferred = check_any("numpy.average", a, **kwargs)
    usual = weights != "wrong" or "weights" not in kwargs
    if error is None and usual and not (a.ndim == 0 and axis not in (None, ())):
        if returned:
            assert isinstance(inferred, Tup) and all(is_exact(x) for x in inferred.items)
        else:
            assert_exact("numpy.average", inferred, actual)


@SETTINGS
@given(arrays(), st.data(), st.booleans())
def test_norm(a, data, keepdims):
    order = data.draw(st.sampled_from([None, None, 1, 2, -1, -2, math.inf, -math.inf, 0, 3, 0.5, "fro", "nuc", "f"]))
    axis = data.draw(
        st.one_of(
            st.none(),
            st.integers(-a.ndim - 1, a.ndim),
            st.lists(st.integers(-a.ndim - 1, a.ndim), min_size=0, max_size=3).map(tuple),
        )
    )
    kwargs = {"ord": order, "axis": axis, "keepdims": keepdims}
    inferred = check("numpy.linalg.norm", a, **kwargs)
    actual, error = numpy_result("numpy.linalg.norm", a, **kwargs)
    if error is None and order is None and (axis is None or a.ndim > 0) and 0 not in a.shape:
        assert_exact("numpy.linalg.norm", inferred, actual)
        axes = _valid_axes(axis, a.ndim)
        if not keepdims and axis is not None and axes and np.ndim(actual) >= 1:
            assert inferred.reduced == Reduced(source_rank=a.ndim, axes=axes)
    if error is None and order in (1, 2, "fro") and a.ndim in (1, 2) and axis is None and 0 not in a.shape:
        assert_exact("numpy.linalg.norm", inferred, actual)


# -- examples the properties do not reach: symbols, unknown ranks, odd arguments --

n = Sym("n", "n")
m = Sym("m", "m")


def test_symbolic_axes_survive():
    a = Array(Shape((n, Known(3), m)), "f")
    out = run("numpy.sum", a, axis=Int(Known(1)))
    assert out == Array(Shape((n, m)), "f")
    assert out.reduced == Reduced(source_rank=3, axes=(1,))
    out = run("numpy.ndarray.mean", a, axis=Tup((Int(Known(0)), Int(Known(-1)))), keepdims=Const(True))
    assert out == Array(Shape((Known(1), Known(3), Known(1))), "f") and out.reduced is None


def test_full_reduction_is_a_scalar_even_of_unknown_rank():
    a = Array(UNKNOWN_SHAPE, "i")
    assert run("numpy.sum", a) == Array(SCALAR, "i")
    assert run("numpy.linalg.norm", a) == Array(SCALAR, "f")
    assert run("numpy.any", a) == Array(SCALAR, "b")
    assert run("numpy.cumsum", a).shape.rank == 1
    assert run("numpy.sum", a, axis=Int(Known(0))).shape == UNKNOWN_SHAPE


def test_unknown_axis_value_keeps_the_rank():
    a = Array(Shape((n, Known(3))), "f")
    out = run("numpy.sum", a, axis=Int(Sym("k", "k")))
    assert out.shape.rank == 1
    out = run("numpy.max", a, axis=Int(Sym("k", "k")), keepdims=Const(True))
    assert out.shape.rank == 2


def test_sum_of_bool_is_int_and_dtype_argument_is_unknown():
    a = Array(shape_of(3, 4), "b")
    assert run("numpy.sum", a, axis=Int(Known(0))).dtype == "i"
    assert run("numpy.max", a, axis=Int(Known(0))).dtype == "b"
    assert run("numpy.sum", a, dtype=Const(np.float32)).dtype is None


def test_argmax_with_a_tuple_axis_is_an_error():
    out = run("numpy.argmax", Array(shape_of(3, 4), "f"), axis=Tup((Int(Known(0)),)))
    assert isinstance(out, ShapeError)


def test_out_and_where_give_up():
    a = Array(shape_of(3, 4), "f")
    assert run("numpy.sum", a, out=Array(shape_of(4), "f")) is UNKNOWN
    assert run("numpy.sum", a, where=Array(shape_of(3, 4), "b")) is UNKNOWN
    assert run("numpy.sum", a, axis=Lst((Int(Known(0)),))) is UNKNOWN


JUNK = [
    UNKNOWN,
    NONE,
    Const("x"),
    Const(1.5),
    Const(True),
    PyFloat(),
    Int(Known(-7)),
    Int(Sym("k", "k")),
    Int(Unknown()),
    Opaque(key="p", name="p"),
    Tup(()),
    Tup((UNKNOWN, Int(Known(0)))),
    Tup((Int(Known(0)), Int(Known(0)))),
    Lst(None),
    Array(UNKNOWN_SHAPE, None),
    Array(SCALAR, "i"),
    Array(Shape((n, Known(0), Unknown())), "b"),
    Array(Shape((n, m)), None),
]
junk = st.sampled_from(JUNK)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL_NAMES), st.lists(junk, max_size=3), st.dictionaries(st.sampled_from(["axis", "keepdims", "ord", "weights", "dtype", "out", "bogus", "returned", "initial"]), junk, max_size=3))
def test_never_crashes(name, args, kwargs):
    out = run(name, *args, **kwargs)
    assert isinstance(out, (ShapeError, type(UNKNOWN), Array, Tup))


@pytest.mark.parametrize("name", ALL_NAMES)
def test_each_name_checks_a_plain_case(name):
    a = np.arange(12.0).reshape(3, 4)
    inferred = check_any(name, a, axis=1) if name != "numpy.linalg.norm" else check(name, a, axis=1)
    assert is_exact(inferred)
