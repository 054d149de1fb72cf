"""Property tests of the creation and numpy.random rules (shapelint/numpy_api/_creation.py).

Shapes are given as an int, a tuple and a list, with and without a dtype.
Besides soundness (`check`), every test asserts the rule knows the exact
answer where numpy's is fixed by the arguments, and that Python scalars come
back as Python scalars (`np.random.normal()` is a float, not a 0-d array).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint.domain import SCALAR, Known, Shape, Sym, Unknown, shape_of
from shapelint.numpy_api import REGISTRY, CallArgs, ShapeError
from shapelint.numpy_api._creation import SHAPED, read_dtype
from shapelint.values import (
    NONE,
    UNKNOWN,
    Array,
    Const,
    Int,
    Lst,
    Opaque,
    PyFloat,
    RandomGen,
    Range,
    Ref,
    Tup,
    Value,
)

from ._check import abstract, check, dtype_kind, is_exact, make_array, numpy_result, related_shape, run

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

lengths = st.one_of(st.integers(1, 5), st.just(0))
shapes = st.lists(lengths, min_size=0, max_size=4).map(tuple)


def forms(shape: tuple[int, ...]) -> list:
    """The ways a program spells a shape: `5`, `(5,)`, `[5]`."""
    out: list = [shape, list(shape)]
    if len(shape) == 1:
        out.append(shape[0])
    return out


shape_args = shapes.flatmap(lambda s: st.sampled_from(forms(s)))
# dtype arguments the test harness can turn into abstract values (numpy types and strings).
dtypes = st.sampled_from(
    [None, np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_, np.complex128, "bool", "int", "f4", "float", "U2"]
)
# The engine's spelling of builtin and numpy names: (abstract, concrete).
REF_DTYPES = [
    (Ref("builtins.bool"), bool),
    (Ref("builtins.int"), int),
    (Ref("builtins.float"), float),
    (Ref("builtins.complex"), complex),
    (Ref("bool"), bool),
    (Ref("numpy.int8"), np.int8),
    (Ref("numpy.float32"), np.float32),
    (Ref("numpy.bool"), np.bool_),
]


def assert_like(name: str, inferred, actual, error, *, exact: bool = True) -> None:
    """The rule's value is the kind of value numpy returned, with numpy's shape and dtype kind."""
    if error is not None:
        assert isinstance(inferred, ShapeError) or not exact, f"{name}: numpy raised {error!r}, rule {inferred!r}"
        return
    if not exact and inferred == UNKNOWN:
        return
    if actual is None:
        assert inferred == NONE
    elif isinstance(actual, (np.ndarray, np.generic)):
        # (before the Python types: np.float64 is a subclass of float)
        assert isinstance(inferred, Array), f"{name}: numpy gave an array, rule {inferred!r}"
        assert inferred.shape.concrete == np.shape(actual), f"{name}: rule {inferred.shape}, numpy {np.shape(actual)}"
        if inferred.dtype is not None:
            assert inferred.dtype == dtype_kind(actual.dtype), f"{name}: kind {inferred.dtype}, numpy {actual.dtype}"
        else:
            # A readable dtype must give its kind; only exotic dtypes stay unknown.
            assert not exact or actual.dtype.kind not in "biufc", f"{name}: dtype {actual.dtype} left unknown"
    elif isinstance(actual, bool):
        assert inferred == UNKNOWN or isinstance(inferred, Const)
    elif isinstance(actual, float):
        assert isinstance(inferred, PyFloat), f"{name}: numpy gave a Python float, rule {inferred!r}"
    elif isinstance(actual, int):
        assert isinstance(inferred, Int), f"{name}: numpy gave a Python int, rule {inferred!r}"
    elif isinstance(actual, tuple):
        assert isinstance(inferred, Tup) and len(inferred.items) == len(actual)
        for item, real in zip(inferred.items, actual):
            if item != UNKNOWN:
                assert_like(name, item, real, None)
    else:
        raise AssertionError(f"{name}: unexpected numpy result {actual!r}")


def same(name: str, *args, exact: bool = True, **kwargs):
    """check() plus the strict comparison; returns the rule's value."""
    inferred = check(name, *args, **kwargs)
    actual, error = numpy_result(name, *args, **kwargs)
    assert_like(name, inferred, actual, error, exact=exact)
    return inferred


def same_abstract(name: str, numpy_call, *args: Value, **kwargs: Value):
    """The rule on abstract arguments the harness cannot make (builtin dtypes) against a numpy call."""
    inferred = run(name, *args, **kwargs)
    try:
        actual, error = numpy_call(), None
    except (ValueError, TypeError) as exc:
        actual, error = None, exc
    assert_like(name, inferred, actual, error)
    return inferred


# -- zeros, ones, empty, full, *_like --


@pytest.mark.parametrize("name", ["numpy.zeros", "numpy.ones", "numpy.empty"])
@SETTINGS
@given(shape=shape_args, dtype=dtypes, positional=st.booleans())
def test_zeros_ones_empty(name, shape, dtype, positional):
    if dtype is None:
        inferred = same(name, shape)
        assert inferred.dtype == "f"
    elif positional:
        same(name, shape, dtype)
    else:
        same(name, shape, dtype=dtype)


@pytest.mark.parametrize("name", ["numpy.zeros", "numpy.ones", "numpy.empty"])
@pytest.mark.parametrize("dtype, real", REF_DTYPES)
def test_builtin_dtypes(name, dtype, real):
    func = getattr(np, name.split(".")[1])
    same_abstract(name, lambda: func((2, 3), dtype=real), Tup((Int(Known(2)), Int(Known(3)))), dtype=dtype)


def test_zeros_edge_cases():
    n = Sym("n", "n")
    assert run("numpy.zeros", Int(n)) == Array(Shape((n,)), "f")
    assert run("numpy.zeros", Tup((Opaque(key="k", name="k"), Int(Known(1))))).shape == Shape((Sym("k", "k"), Known(1)))
    assert run("numpy.zeros", Opaque()) == UNKNOWN  # could be a tuple of any length
    assert run("numpy.zeros", Int(Known(-1))).kind == "value"
    assert run("numpy.zeros", Tup((Int(Known(2)), Int(Known(-3))))).kind == "value"
    assert run("numpy.zeros", Const(True)) == UNKNOWN  # numpy refuses bools as sizes
    assert run("numpy.zeros", Const(2.0)) == UNKNOWN
    assert run("numpy.zeros", Int(Known(3)), dtype=UNKNOWN) == Array(shape_of(3), None)
    assert run("numpy.zeros", Int(Known(3)), dtype=Const("(2,)f8")) == UNKNOWN  # sub-array dtype adds an axis
    assert run("numpy.zeros", Int(Known(3)), like=Array(shape_of(1))) == UNKNOWN
    assert run("numpy.zeros") == UNKNOWN
    assert run("numpy.zeros", Array(shape_of(2), "i")) == Array(Shape((Unknown(), Unknown())), "f")


def test_origin_is_set_for_rank_1_creation():
    node = object()
    result = REGISTRY["numpy.zeros"](CallArgs([Int(Known(5))], node=node, qualname="numpy.zeros"))
    assert result.origin is node
    result = REGISTRY["numpy.zeros"](CallArgs([Tup((Int(Known(5)), Int(Known(1))))], node=node, qualname="numpy.zeros"))
    assert result.origin is None
    v = Array(shape_of(5), "f", origin="first")
    copied = REGISTRY["numpy.asarray"](CallArgs([v], node=node, qualname="numpy.asarray"))
    assert copied.origin == "first"  # a copy of a rank-1 array is not a new origin
    assert REGISTRY["numpy.zeros_like"](CallArgs([v], node=node, qualname="numpy.zeros_like")).origin == "first"


@SETTINGS
@given(data=st.data())
def test_full(data):
    shape = data.draw(shapes)
    fill = data.draw(
        st.one_of(
            st.sampled_from([0, 1.5, True]),
            related_shape(shape, shapes).map(lambda s: make_array(s, "i")),
            related_shape(shape, shapes).map(lambda s: make_array(s, "b")),
        )
    )
    dtype = data.draw(dtypes)
    arg = data.draw(st.sampled_from(forms(shape)))
    if dtype is None:
        same("numpy.full", arg, fill)
    else:
        same("numpy.full", arg, fill, dtype=dtype)


def test_full_with_leading_length_1_fill():
    # np.copyto drops leading length-1 axes of the fill value.
    same("numpy.full", (3,), np.zeros((1, 1, 3)))
    same("numpy.full", (3,), np.zeros((2, 3)))
    assert run("numpy.full", Int(Known(3)), NONE) == Array(shape_of(3), None)  # an object array


@pytest.mark.parametrize("name", ["numpy.zeros_like", "numpy.ones_like", "numpy.empty_like", "numpy.full_like"])
@SETTINGS
@given(data=st.data())
def test_like(name, data):
    base = data.draw(shapes)
    a = make_array(base, data.draw(st.sampled_from("bif")))
    if data.draw(st.booleans()):
        a = a.tolist()
    args = (a, data.draw(st.sampled_from([2, 0.5, True]))) if name == "numpy.full_like" else (a,)
    kwargs = {}
    if data.draw(st.booleans()):
        kwargs["shape"] = data.draw(shape_args)
    dtype = data.draw(dtypes)
    if dtype is not None:
        kwargs["dtype"] = dtype
    same(name, *args, **kwargs)


def test_full_like_fill_must_fit():
    assert isinstance(same("numpy.full_like", np.zeros((2, 2)), np.ones(3)), ShapeError)
    assert is_exact(same("numpy.full_like", np.zeros((2, 2)), np.ones(3), shape=(3,)))
    assert run("numpy.zeros_like", UNKNOWN) == UNKNOWN
    assert run("numpy.zeros_like", UNKNOWN, shape=Int(Known(3))) == Array(shape_of(3), None)


# -- eye, identity, arange, linspace, logspace --


@SETTINGS
@given(n=st.integers(0, 5), m=st.one_of(st.none(), st.integers(0, 5)), k=st.integers(-3, 3), dtype=dtypes)
def test_eye_and_identity(n, m, k, dtype):
    kwargs = {} if dtype is None else {"dtype": dtype}
    same("numpy.eye", n, m, k, **kwargs)
    same("numpy.eye", n, M=m, **kwargs)
    same("numpy.identity", n, **kwargs)


def test_eye_edge_cases():
    n = Sym("n", "n")
    assert run("numpy.eye", Int(n)) == Array(Shape((n, n)), "f")
    assert run("numpy.identity", Opaque(key="p", name="p")).shape == Shape((Sym("p", "p"),) * 2)
    assert run("numpy.eye", Int(Known(-1))).kind == "value"
    assert run("numpy.identity", Int(Known(-1))).kind == "value"
    assert run("numpy.eye", Const(2.0)) == UNKNOWN
    assert run("numpy.eye", Const(True)) == UNKNOWN
    assert run("numpy.eye", Int(Known(3)), k=Const(1.0)) == UNKNOWN
    same_abstract("numpy.eye", lambda: np.eye(3, dtype=bool), Int(Known(3)), dtype=Ref("builtins.bool"))
    same_abstract("numpy.identity", lambda: np.identity(2, dtype=int), Int(Known(2)), dtype=Ref("builtins.int"))


ints = st.integers(-6, 6)


@SETTINGS
@given(args=st.lists(ints, min_size=1, max_size=3), dtype=dtypes.filter(lambda d: d is not np.uint8))
def test_arange_of_ints(args, dtype):
    if len(args) == 3 and args[2] == 0:
        assert run("numpy.arange", *map(abstract, args)).kind == "value"  # numpy: ZeroDivisionError
        return
    if dtype is None or dtype == "U2":
        inferred = same("numpy.arange", *args)
        assert inferred.dtype == "i"
    else:
        same("numpy.arange", *args, dtype=dtype)


@SETTINGS
@given(args=st.lists(st.one_of(ints, st.sampled_from([0.5, 2.5, -1.5])), min_size=1, max_size=3))
def test_arange_of_floats_is_rank_1(args):
    if len(args) == 3 and args[2] == 0:
        return
    inferred = check("numpy.arange", *args)
    assert isinstance(inferred, Array) and inferred.rank == 1


def test_arange_keywords_and_symbols():
    n = Sym("n", "n")
    assert run("numpy.arange", Int(n)) == Array(Shape((n,)), "i")
    assert run("numpy.arange", Int(Known(0)), Int(n)) == Array(Shape((n,)), "i")
    assert run("numpy.arange", Int(Known(1)), Int(n)).shape.axes[0] == Unknown()
    assert is_exact(same("numpy.arange", start=1, stop=5))
    assert is_exact(same("numpy.arange", stop=5))
    assert is_exact(same("numpy.arange", 2, step=2))
    assert is_exact(same("numpy.arange", 5, None))
    assert is_exact(same("numpy.arange", True))
    assert run("numpy.arange", start=Int(Known(5))) == UNKNOWN  # numpy: arange() requires stop
    assert run("numpy.arange") == UNKNOWN
    assert run("numpy.arange", Const("a")) == UNKNOWN
    same_abstract("numpy.arange", lambda: np.arange(4, dtype=float), Int(Known(4)), dtype=Ref("builtins.float"))


bounds = st.one_of(st.sampled_from([0, 1.5, -2]), shapes.map(lambda s: make_array(s, "f")))


@SETTINGS
@given(data=st.data())
def test_linspace_and_logspace(data):
    start = data.draw(bounds)
    stop = data.draw(st.one_of(bounds, related_shape(np.shape(start), shapes).map(make_array)))
    kwargs = {}
    if data.draw(st.booleans()):
        kwargs["num"] = data.draw(st.integers(0, 6))
    if data.draw(st.booleans()):
        kwargs["axis"] = data.draw(st.integers(-3, 3))
    if data.draw(st.booleans()):
        kwargs["endpoint"] = data.draw(st.booleans())
    dtype = data.draw(st.sampled_from([None, np.float32, np.int64]))
    if dtype is not None:
        kwargs["dtype"] = dtype
    same("numpy.linspace", start, stop, **kwargs)
    if data.draw(st.booleans()):
        base = data.draw(st.one_of(st.just(2.0), related_shape(np.shape(start), shapes).map(make_array)))
        kwargs["base"] = base
    same("numpy.logspace", start, stop, **kwargs)


@SETTINGS
@given(num=st.integers(0, 6), start=st.sampled_from([0, 1.5]))
def test_linspace_retstep(num, start):
    inferred = same("numpy.linspace", start, 4, num, retstep=True)
    assert isinstance(inferred, Tup) and is_exact(inferred.items[0])


def test_linspace_edge_cases():
    assert run("numpy.linspace", Int(Known(0)), Int(Known(1)), Int(Known(-1))).kind == "value"
    assert run("numpy.linspace", Int(Known(0)), Int(Known(1)), Const(5.0)) == UNKNOWN
    assert run("numpy.linspace", Int(Known(0)), Int(Known(1)), axis=Int(Known(1))).kind == "axis"
    assert run("numpy.linspace", Array(shape_of(2)), Int(Known(1)), retstep=Const(True)) == UNKNOWN
    n = Sym("n", "n")
    assert run("numpy.linspace", Int(Known(0)), Int(Known(1)), Int(n)) == Array(Shape((n,)), "f")
    assert run("numpy.linspace", Int(Known(0)), Int(Known(1))) == Array(shape_of(50), "f")
    assert run("numpy.linspace", Array(shape_of(3)), Array(shape_of(2))).kind == "broadcast"


# -- array, asarray, asanyarray, ascontiguousarray, copy --

CONVERTERS = ["numpy.array", "numpy.asarray", "numpy.asanyarray", "numpy.ascontiguousarray", "numpy.copy"]

RAGGED = [[1, 2], [3]]  # numpy 2 refuses it
literals = st.one_of(
    st.sampled_from([1, 2.5, True]),
    shapes.map(lambda s: make_array(s, "f")),
    shapes.map(lambda s: make_array(s, "i").tolist()),
    shapes.map(lambda s: make_array(s, "b").tolist()),
    shapes.map(lambda s: tuple(make_array(s, "f").tolist()) if s else 1.0),
    st.just([True, 1]),
    st.just([1, 2.5]),
    st.just(RAGGED),
    st.just([[], []]),
    st.just([np.zeros(3), np.ones(3)]),
)


@pytest.mark.parametrize("name", CONVERTERS)
@SETTINGS
@given(obj=literals, dtype=dtypes)
def test_converters(name, obj, dtype):
    kwargs = {} if dtype is None or name == "numpy.copy" else {"dtype": dtype}
    ragged = obj is RAGGED
    inferred = same(name, obj, exact=not ragged, **kwargs)
    if not ragged and not isinstance(inferred, ShapeError):
        assert is_exact(inferred)


@SETTINGS
@given(obj=literals, ndmin=st.integers(0, 5))
def test_array_ndmin(obj, ndmin):
    ragged = obj is RAGGED
    same("numpy.array", obj, ndmin=ndmin, exact=not ragged)


def test_converter_edge_cases():
    assert run("numpy.array", Range(Known(4))) == Array(shape_of(4), "i")
    assert run("numpy.asarray", Lst(None)) == UNKNOWN
    assert run("numpy.array", Lst((Int(Known(1)),)), copy=Const(False)) == UNKNOWN  # numpy 2 cannot avoid the copy
    assert run("numpy.array", Array(shape_of(2), "f"), copy=Const(False)) == Array(shape_of(2), "f")
    assert run("numpy.array", UNKNOWN) == UNKNOWN
    assert run("numpy.array", Int(Known(1)), dtype=Const("(2,)f8")) == UNKNOWN
    assert run("numpy.ascontiguousarray", Int(Known(1))) == Array(shape_of(1), "i")
    one_two = Lst((Int(Known(1)), Int(Known(2))))
    same_abstract("numpy.array", lambda: np.array([1, 2], dtype=bool), one_two, dtype=Ref("builtins.bool"))


def test_read_dtype():
    assert read_dtype(None, "f") == "f" and read_dtype(NONE, "i") == "i"
    assert read_dtype(Ref("builtins.bool"), "f") == "b"
    assert read_dtype(Ref("numpy.uint16"), "f") == "i"
    assert read_dtype(Ref("numpy.no_such_type"), "f") is None
    assert read_dtype(Ref("numpy.random.rand"), "f") is None
    assert read_dtype(Const("(3,)i4"), "f") == SHAPED
    assert read_dtype(Const("not a dtype"), "f") is None
    assert read_dtype(UNKNOWN, "f") is None
    assert read_dtype(Const([1]), "f") is None


# -- numpy scalar types --


@pytest.mark.parametrize("name", ["numpy.float64", "numpy.float32", "numpy.int64", "numpy.int32"])
@SETTINGS
@given(
    x=st.one_of(
        st.sampled_from([1, 2.5, True, -3]),
        shapes.map(lambda s: make_array(s, "f")),
        shapes.map(lambda s: make_array(s, "i").tolist()),
    )
)
def test_scalar_types(name, x):
    inferred = same(name, x)
    assert is_exact(inferred)
    assert is_exact(same(name))


def test_scalar_type_edge_cases():
    assert run("numpy.int64", Const(float("nan"))) == UNKNOWN
    assert run("numpy.int32", Int(Known(2**40))) == UNKNOWN
    assert run("numpy.float64", Const("1.5")) == UNKNOWN
    assert run("numpy.float64", PyFloat()) == Array(SCALAR, "f")


# -- numpy.random: module functions, Generator and RandomState methods --

RNG = np.random.default_rng(0)
LEGACY = np.random.RandomState(0)


def receivers(name: str) -> tuple:
    if name.startswith("numpy.random.Generator."):
        return (RNG,)
    if name.startswith("numpy.random.RandomState."):
        return (LEGACY,)
    return ()


def sizes(shape_strategy=shapes):
    return st.one_of(st.none(), shape_strategy.flatmap(lambda s: st.sampled_from(forms(s))))


@pytest.mark.parametrize(
    "name",
    [
        "numpy.random.random",
        "numpy.random.random_sample",
        "numpy.random.ranf",
        "numpy.random.sample",
        "numpy.random.standard_normal",
        "numpy.random.RandomState.random",
        "numpy.random.RandomState.random_sample",
        "numpy.random.RandomState.standard_normal",
        "numpy.random.Generator.random",
        "numpy.random.Generator.standard_normal",
    ],
)
@SETTINGS
@given(size=sizes(), positional=st.booleans())
def test_sized_samplers(name, size, positional):
    me = receivers(name)
    if size is None:
        inferred = same(name, *me)
        assert inferred == PyFloat()
    elif positional:
        same(name, *me, size)
    else:
        same(name, *me, size=size)


def test_generator_out():
    out = Array(shape_of(2, 3), "f")
    assert run("numpy.random.Generator.random", RandomGen("Generator"), out=out) == out


@pytest.mark.parametrize(
    "name",
    ["numpy.random.rand", "numpy.random.randn", "numpy.random.RandomState.rand", "numpy.random.RandomState.randn"],
)
@SETTINGS
@given(shape=shapes)
def test_rand_randn(name, shape):
    inferred = same(name, *receivers(name), *shape)
    if not shape:
        assert inferred == PyFloat()
    assert run(name, *map(abstract, receivers(name)), Tup((Int(Known(2)),))) == UNKNOWN  # rand((2,)) is a TypeError
    assert run(name, *map(abstract, receivers(name)), Int(Known(-1))).kind == "value"


DISTRIBUTIONS = {
    # name: (parameter strategies in order, valid values)
    "normal": [st.sampled_from([0.0, 1.5]), st.sampled_from([0.5, 2.0])],
    "uniform": [st.sampled_from([0.0, -1.0]), st.sampled_from([1.0, 3.0])],
    "exponential": [st.sampled_from([0.5, 2.0])],
    "binomial": [st.sampled_from([3, 10]), st.sampled_from([0.2, 0.5])],
    "poisson": [st.sampled_from([0.5, 3.0])],
}
DISTRIBUTION_NAMES = [
    "numpy.random.normal",
    "numpy.random.uniform",
    "numpy.random.exponential",
    "numpy.random.binomial",
    "numpy.random.poisson",
    "numpy.random.RandomState.normal",
    "numpy.random.RandomState.uniform",
    "numpy.random.RandomState.exponential",
    "numpy.random.RandomState.binomial",
    "numpy.random.RandomState.poisson",
    "numpy.random.Generator.normal",
    "numpy.random.Generator.uniform",
    "numpy.random.Generator.exponential",
    "numpy.random.Generator.binomial",
    "numpy.random.Generator.poisson",
]


@pytest.mark.parametrize("name", DISTRIBUTION_NAMES)
@SETTINGS
@given(data=st.data())
def test_distributions(name, data):
    params_strategies = DISTRIBUTIONS[name.split(".")[-1]]
    base = data.draw(shapes)
    params = []
    for strategy in params_strategies:
        value = data.draw(strategy)
        if data.draw(st.booleans()):
            # An array parameter of a shape related to the others, filled with a valid value.
            value = np.full(data.draw(related_shape(base, shapes)), value)
        params.append(value)
    size = data.draw(st.one_of(st.none(), st.just(base), related_shape(base, shapes)))
    me = receivers(name)
    inferred = same(name, *me, *params) if size is None else same(name, *me, *params, size=size)
    if size is None and all(np.ndim(p) == 0 for p in params):
        assert isinstance(inferred, (PyFloat, Int))


def test_distribution_value_errors():
    zero = Const(0.0)
    assert run("numpy.random.normal", zero, Const(-1.0)).kind == "value"
    assert run("numpy.random.exponential", Const(-1.0)).kind == "value"
    assert run("numpy.random.poisson", Int(Known(-1))).kind == "value"
    assert run("numpy.random.binomial", Int(Known(3)), Const(1.5)).kind == "value"
    assert run("numpy.random.normal", size=Const(True)) == UNKNOWN
    assert isinstance(same("numpy.random.normal", np.zeros((1, 3)), size=(3,)), ShapeError)
    assert isinstance(same("numpy.random.normal", np.zeros(3), size=(3, 1)), ShapeError)
    assert is_exact(same("numpy.random.normal", np.zeros((3, 1)), size=(3, 4)))
    assert run("numpy.random.normal", Array(Shape(None), "f")) == UNKNOWN  # may be 0-d: a Python float


@pytest.mark.parametrize("name", ["numpy.random.randint", "numpy.random.RandomState.randint", "numpy.random.Generator.integers"])
@SETTINGS
@given(data=st.data())
def test_integers(name, data):
    me = receivers(name)
    low = data.draw(st.integers(0, 3))
    high = data.draw(st.one_of(st.none(), st.integers(4, 8), shapes.map(lambda s: np.full(s, 9))))
    size = data.draw(sizes())
    kwargs = {} if size is None else {"size": size}
    dtype = data.draw(st.sampled_from([None, np.int8, np.int64, "int32"]))
    if dtype is not None:
        kwargs["dtype"] = dtype
    if high is None:
        low = low + 1
        inferred = same(name, *me, low, **kwargs)
    else:
        inferred = same(name, *me, low, high, **kwargs)
    assert inferred != UNKNOWN


def test_integers_edge_cases():
    rng = RandomGen("Generator")
    assert run("numpy.random.randint", Int(Known(0))).kind == "value"
    assert run("numpy.random.randint", Int(Known(3)), Int(Known(3))).kind == "value"
    assert run("numpy.random.Generator.integers", rng, Int(Known(3)), Int(Known(3)), endpoint=Const(True)) == Array(SCALAR, "i")
    assert run("numpy.random.Generator.integers", rng, Int(Known(0))).kind == "value"
    assert isinstance(run("numpy.random.randint", Int(Known(5))), Int)
    assert run("numpy.random.randint", Int(Known(2)), dtype=Ref("builtins.bool")) == UNKNOWN  # a Python bool
    assert isinstance(run("numpy.random.randint", Int(Known(2)), dtype=Ref("builtins.int")), Int)
    same_abstract(
        "numpy.random.randint",
        lambda: np.random.randint(0, 2, size=3, dtype=bool),
        Int(Known(0)),
        Int(Known(2)),
        size=Int(Known(3)),
        dtype=Ref("builtins.bool"),
    )


CHOICE = ["numpy.random.choice", "numpy.random.RandomState.choice", "numpy.random.Generator.choice"]


@pytest.mark.parametrize("name", CHOICE)
@SETTINGS
@given(data=st.data())
def test_choice(data, name):
    me = receivers(name)
    generator = name.startswith("numpy.random.Generator.")
    a = data.draw(
        st.one_of(
            st.integers(1, 5),
            st.lists(st.integers(0, 3), min_size=1, max_size=4),
            st.lists(st.sampled_from([0.5, 1.5]), min_size=1, max_size=4),
            (shapes if generator else st.just((3,))).filter(lambda s: s and s[0] > 0).map(lambda s: make_array(s, "f")),
        )
    )
    kwargs = {}
    size = data.draw(sizes())
    if size is not None:
        kwargs["size"] = size
    if data.draw(st.booleans()):
        kwargs["replace"] = data.draw(st.booleans())
    if generator and np.ndim(a) > 1 and data.draw(st.booleans()):
        kwargs["axis"] = data.draw(st.integers(-np.ndim(a), np.ndim(a) - 1))
    inferred = same(name, *me, a, **kwargs)
    assert inferred != UNKNOWN


def test_choice_edge_cases():
    assert run("numpy.random.choice", Array(shape_of(2, 2), "f")).kind == "value"  # legacy: a must be 1-d
    assert run("numpy.random.choice", Int(Known(0))).kind == "value"
    assert run("numpy.random.choice", Int(Known(0)), Int(Known(0))) == Array(shape_of(0), "i")
    assert run("numpy.random.choice", Int(Known(3)), Int(Known(5)), replace=Const(False)).kind == "value"
    assert run("numpy.random.choice", Int(Known(3)), p=Lst((Const(0.5), Const(0.5)))).kind == "value"
    assert isinstance(same("numpy.random.choice", 3, 2, p=[0.2, 0.3, 0.5]), Array)
    assert isinstance(same("numpy.random.choice", np.array(5)), Int)  # a 0-d int array counts
    assert isinstance(same("numpy.random.Generator.choice", RNG, np.array(5)), Int)


PERMUTATION = ["numpy.random.permutation", "numpy.random.RandomState.permutation", "numpy.random.Generator.permutation"]


@pytest.mark.parametrize("name", PERMUTATION)
@SETTINGS
@given(x=st.one_of(st.integers(-2, 5), shapes.map(lambda s: make_array(s, "i")), st.just([[1, 2], [3, 4]])))
def test_permutation(name, x):
    inferred = same(name, *receivers(name), x, exact=not (isinstance(x, np.ndarray) and x.ndim == 0))
    if not isinstance(x, np.ndarray) or x.ndim:
        assert inferred != UNKNOWN


def test_permutation_edge_cases():
    assert is_exact(same("numpy.random.Generator.permutation", RNG, np.zeros((2, 3)), axis=1))
    rng = RandomGen("Generator")
    assert run("numpy.random.Generator.permutation", rng, Array(shape_of(3)), axis=Int(Known(1))).kind == "axis"
    assert run("numpy.random.permutation", Const(2.5)) == UNKNOWN


@pytest.mark.parametrize("name", ["numpy.random.seed", "numpy.random.RandomState.seed"])
def test_seed(name):
    assert same(name, *receivers(name), 0) == NONE
    assert same(name, *receivers(name)) == NONE


@pytest.mark.parametrize("name", ["numpy.random.shuffle", "numpy.random.RandomState.shuffle"])
def test_shuffle(name):
    assert same(name, *receivers(name), np.zeros((3, 2))) == NONE
    assert run(name) == UNKNOWN


def test_generator_constructors():
    assert check("numpy.random.default_rng", 0) == RandomGen("Generator")
    assert check("numpy.random.default_rng") == RandomGen("Generator")
    assert isinstance(np.random.default_rng(0), np.random.Generator)
    # `check` resolves "numpy.random.RandomState" as a method, so compare by hand.
    assert run("numpy.random.RandomState", Int(Known(0))) == RandomGen("RandomState")
    assert isinstance(np.random.RandomState(0), np.random.RandomState)
    assert run("numpy.random.default_rng", Int(Known(0)), Int(Known(1))) == UNKNOWN


def test_never_crashes_on_odd_arguments():
    names = [n for n in REGISTRY if REGISTRY[n].__module__.endswith("_creation")]
    odd = [UNKNOWN, NONE, Const("x"), Const(1.5), Tup(()), Lst(None), Ref("numpy.add"), Array(Shape(None)), Int(Unknown())]
    for name in names:
        for value in odd:
            for args in ([], [value], [value, value], [RandomGen("Generator"), value], [value, Array(shape_of(2)), value]):
                result = run(name, *args)
                assert isinstance(result, (Value, ShapeError))


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-20, 20, allow_nan=False),
    st.floats(-20, 20, allow_nan=False),
    st.floats(-5, 5, allow_nan=False).filter(lambda x: abs(x) > 1e-3),
)
def test_arange_with_float_bounds_is_exact(start: float, stop: float, step: float) -> None:
    inferred = check("numpy.arange", start, stop, step)
    assert is_exact(inferred)


# -- results whose rank does not depend on what the arguments are --


def test_arange_of_unknown_bounds_has_one_axis():
    n = Opaque("parameter", key="n", name="n")
    for args in ((n,), (Int(Known(0)), n), (n, Int(Known(9)), PyFloat())):
        result = run("numpy.arange", *args)
        assert isinstance(result, Array) and result.rank == 1 and result.shape.concrete is None
    assert run("numpy.arange", Array(Shape(None)), Int(Known(5))).rank == 1
    assert run("numpy.arange", Array(shape_of(3)), Int(Known(5))) == UNKNOWN  # numpy raises on an array bound
    assert run("numpy.arange", n, Const("a")) == UNKNOWN


@SETTINGS
@given(
    values=st.lists(st.integers(0, 6), min_size=0, max_size=6),
    weighted=st.booleans(),
    minlength=st.sampled_from([None, 0, 3, 10]),
    rank=st.sampled_from([1, 1, 0, 2]),
)
def test_bincount(values, weighted, minlength, rank):
    x = np.array(values, dtype=int)
    if rank == 0:
        x = np.array(len(values))
    elif rank == 2:
        x = x.reshape(1, -1)
    kwargs = {} if minlength is None else {"minlength": minlength}
    if weighted:
        kwargs["weights"] = np.ones(x.shape)
    inferred = check("numpy.bincount", x, **kwargs)
    if rank == 1:
        assert isinstance(inferred, Array) and inferred.rank == 1
    # Data of unknown rank still counts along one axis.
    unknown = run("numpy.bincount", Opaque())
    assert isinstance(unknown, Array) and unknown.rank == 1


@pytest.mark.parametrize("name", ["numpy.random.multinomial", "numpy.random.RandomState.multinomial"])
@SETTINGS
@given(
    pvals=st.lists(st.sampled_from([0.1, 0.2, 0.3]), min_size=1, max_size=4),
    size=st.one_of(st.none(), st.integers(0, 3), st.lists(st.integers(0, 3), max_size=2).map(tuple)),
    nested=st.booleans(),
)
def test_multinomial(name, pvals, size, nested):
    me = receivers(name)
    probabilities = [pvals, pvals] if nested else pvals
    kwargs = {} if size is None else {"size": size}
    inferred = check(name, *me, 5, probabilities, **kwargs)
    if not nested:
        assert is_exact(inferred)
    assert run(name, *map(abstract, me), Int(Known(1)), Opaque()).rank == 1


def test_finfo_limits_are_numpy_scalars():
    from shapelint.engine.evaluator import _numpy_attribute

    assert run("numpy.finfo", Ref("builtins.float")) == Ref("numpy.finfo()")
    for attr in ("eps", "tiny", "max", "min", "resolution"):
        assert isinstance(getattr(np.finfo(float), attr), np.floating)
        assert _numpy_attribute("numpy.finfo()", attr) == Array(SCALAR, "f")
    assert isinstance(np.finfo(float).bits, int)
    assert _numpy_attribute("numpy.finfo()", "bits") == UNKNOWN


def test_one_axis_per_dimension_whatever_the_dimensions_are():
    n = Opaque()  # `self.n_in`, `theta_dim`: numpy takes nothing but an int there
    for name in ("numpy.random.rand", "numpy.random.randn"):
        assert run(name, n).shape == Shape((Unknown(),))
        assert run(name, Int(Known(2)), n).shape == Shape((Known(2), Unknown()))
        assert run(name, PyFloat()) == UNKNOWN  # a float raises
    for name in ("numpy.zeros", "numpy.ones", "numpy.empty"):
        assert run(name, Tup((Int(Known(1)), n))).shape == Shape((Known(1), Unknown()))
        assert run(name, Tup((Int(Known(1)), Const(2.5)))) == UNKNOWN
        assert run(name, Tup((Int(Known(1)), Tup((n,))))) == UNKNOWN
        assert run(name, n) == UNKNOWN  # an int or a tuple: one axis or several
        assert run(name, Tup((Int(Known(-1)), n))).kind == "value"  # negative dimensions are not allowed
    # numpy agrees where it can be run: every int and numpy int gives one axis each.
    check("numpy.zeros", (1, np.int64(3)))
    check("numpy.random.rand", np.int64(2), 3)
