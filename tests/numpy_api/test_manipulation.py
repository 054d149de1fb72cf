"""Property tests of the manipulation rules (reshape, transpose, join, split, ...) against numpy."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from shapelint.domain import ONE, Known, Shape, Sym, Unknown, arith, shape_of, size
from shapelint.numpy_api import REGISTRY, ShapeError
from shapelint.values import NONE, UNKNOWN, Array, Const, Int, Lst, Opaque, PyFloat, Tup, Value

from ._check import COVERED, abstract, agrees, check, infer, is_exact, numpy_result
from ._check import run as call

SETTINGS = settings(max_examples=50, deadline=None)

lengths = st.sampled_from([0, 1, 1, 2, 2, 3, 3, 4, 5])
shapes = st.lists(lengths, max_size=4).map(tuple)
nonempty_shapes = st.lists(st.integers(1, 4), max_size=4).map(tuple)
dtypes = st.sampled_from([np.float64, np.int64, np.bool_])


def arrays(shape_strategy=shapes):
    return st.builds(lambda s, d: np.zeros(s, d), shape_strategy, dtypes)


def check_attr(qualname: str, x: np.ndarray) -> Value | ShapeError:
    """`check` for attributes (`.T`), which numpy does not call."""
    COVERED.add(qualname)
    inferred = infer(qualname, x)
    try:
        actual, error = getattr(x, qualname.rsplit(".", 1)[1]), None
    except ValueError as exc:
        actual, error = None, exc
    reason = agrees(inferred, actual, error)
    assert not reason, f"{qualname}({x.shape}): {reason}"
    return inferred


def check_seq(qualname: str, *args, **kwargs) -> Value | ShapeError:
    """`check` for rules returning a tuple or list of arrays: compares item by item."""
    COVERED.add(qualname)
    inferred = infer(qualname, *args, **kwargs)
    actual, error = numpy_result(qualname, *args, **kwargs)
    where = f"{qualname}(args={args!r}, kwargs={kwargs!r})"
    if error is not None:
        assert not seq_exact(inferred), f"{where}: numpy raised {error!r} but the rule claimed {inferred}"
        return inferred
    assert not isinstance(inferred, ShapeError), f"{where}: rule raised {inferred.message}"
    if isinstance(inferred, (Tup, Lst)) and inferred.items is not None:
        assert isinstance(actual, tuple if isinstance(inferred, Tup) else list), f"{where}: container {type(actual)}"
        assert len(inferred.items) == len(actual), f"{where}: {len(inferred.items)} items, numpy {len(actual)}"
        for item, real in zip(inferred.items, actual):
            reason = agrees(item, real, None)
            assert not reason, f"{where}: {reason}"
    return inferred


def seq_exact(inferred: Value | ShapeError) -> bool:
    return isinstance(inferred, (Tup, Lst)) and inferred.items is not None and all(map(is_exact, inferred.items))


def raises(inferred: Value | ShapeError, kind: str | None = None) -> bool:
    return isinstance(inferred, ShapeError) and (kind is None or inferred.kind == kind)


# -- reshape --


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


@st.composite
def reshape_case(draw):
    x = draw(arrays())
    n = x.size
    rank = draw(st.integers(0, 4))
    if n == 0:
        target = draw(st.lists(st.integers(0, 4), min_size=max(rank, 1), max_size=max(rank, 1)))
        if 0 not in target:
            target[0] = 0
    else:
        target, rest = [], n
        for _ in range(max(rank - 1, 0)):
            d = draw(st.sampled_from(divisors(rest)))
            target.append(d)
            rest //= d
        if rank:
            target.append(rest)
    mutation = draw(st.sampled_from(["none", "none", "neg1", "neg1", "two_neg", "wrong", "neg2"]))
    if target and mutation in ("neg1", "neg2"):
        target[draw(st.integers(0, len(target) - 1))] = -1 if mutation == "neg1" else -2
    elif len(target) >= 2 and mutation == "two_neg":
        i, j = draw(st.sampled_from(list(itertools.combinations(range(len(target)), 2))))
        target[i] = target[j] = -1
    elif target and mutation == "wrong":
        target[draw(st.integers(0, len(target) - 1))] += draw(st.integers(1, 3))
    return x, tuple(target), mutation


@SETTINGS
@given(reshape_case())
def test_reshape(case):
    x, target, mutation = case
    results = [
        check("numpy.reshape", x, target),
        check("numpy.ndarray.reshape", x, target),
        check("numpy.ndarray.reshape", x, list(target)),
    ]
    if len(target) == 1:
        results.append(check("numpy.ndarray.reshape", x, target[0]))
    if target:
        results.append(check("numpy.ndarray.reshape", x, *target))
    _, error = numpy_result("numpy.reshape", x, target)
    for result in results:
        if error is not None:
            # Every reshape numpy refuses on known shapes is caught.
            assert raises(result, "reshape"), (x.shape, target, result)
        elif mutation != "neg2":
            assert is_exact(result), (x.shape, target, result)
            assert result.dtype == abstract(x).dtype


def test_reshape_errors_and_details():
    x = np.zeros(12)
    error = check("numpy.reshape", x, (5,))
    assert raises(error, "reshape")
    assert error.message == "cannot reshape array of size 12 into shape (5,)"
    assert error.details["size"] == Known(12)
    assert error.details["target"] == (Known(5),)
    assert check("numpy.ndarray.reshape", x, 5, -1).message == "cannot reshape array of size 12 into shape (5,newaxis)"
    assert raises(check("numpy.ndarray.reshape", x, -1, -1), "reshape")
    assert raises(check("numpy.ndarray.reshape", np.zeros(0), 0, -1), "reshape")


def test_reshape_explicit():
    v = abstract(np.zeros(5))
    assert call("numpy.ndarray.reshape", v, Int(Known(5)), Int(Known(1))).explicit
    assert call("numpy.ndarray.reshape", v, Int(Known(1)), Int(Known(-1))).explicit
    assert call("numpy.reshape", abstract(np.zeros(6)), abstract((2, 3))).explicit
    assert not call("numpy.ndarray.reshape", abstract(np.zeros((2, 3))), Int(Known(-1))).explicit
    assert not call("numpy.ndarray.reshape", abstract(np.zeros((2, 3))), Int(Known(3)), Int(Known(2))).explicit


N = Sym("n", "n")
M = Sym("m", "m")


def test_reshape_symbolic():
    a = Array(Shape((N, Known(3))), "f")
    flat = call("numpy.ndarray.reshape", a, Int(Known(-1)))
    assert flat.shape == Shape((size(a.shape),))
    assert str(flat.shape) in ("(n*3,)", "(3*n,)")
    assert call("numpy.ndarray.reshape", a, Int(N), Int(Known(-1))).shape == Shape((N, Known(3)))
    assert call("numpy.ndarray.reshape", a, Int(Known(-1)), Int(N)).shape == Shape((Known(3), N))
    # (n, 6) to (n, 2, -1) is (n, 2, 3); (n, 6) to (2, -1) is not provable.
    b = Array(Shape((N, Known(6))))
    assert call("numpy.ndarray.reshape", b, Int(N), Int(Known(2)), Int(Known(-1))).shape == shape_of(N, 2, 3)
    assert isinstance(call("numpy.ndarray.reshape", b, Int(Known(4)), Int(Known(-1))).shape.axes[1], Unknown)
    assert isinstance(call("numpy.ndarray.reshape", b, Int(M), Int(Known(-1))).shape.axes[1], Unknown)
    # An empty input gives 0 for -1 whatever the rest.
    c = Array(Shape((Known(0), N)))
    assert call("numpy.ndarray.reshape", c, Int(M), Int(Known(-1))).shape == shape_of(M, 0)
    # Symbols are never declared a size mismatch.
    assert not raises(call("numpy.ndarray.reshape", a, Int(Known(5))))
    assert raises(call("numpy.ndarray.reshape", a, Int(Known(-1)), Int(Known(-1))), "reshape")
    # A parameter used as a length becomes a symbol.
    param = Opaque("param", key="p", name="p")
    assert call("numpy.ndarray.reshape", a, Tup((param, Int(Known(-1))))).shape.axes[0] == Sym("p", "p")
    assert call("numpy.ndarray.reshape", Array(Shape(None)), Int(Known(3)), Int(Known(-1))).shape.rank == 2


# -- transposes --


@SETTINGS
@given(arrays(), st.data())
def test_transpose(x, data):
    perm = tuple(data.draw(st.permutations(range(x.ndim))))
    for result in (
        check("numpy.transpose", x),
        check("numpy.transpose", x, perm),
        check("numpy.transpose", x, axes=perm),
        check("numpy.permute_dims", x, perm),
        check("numpy.ndarray.transpose", x),
        check("numpy.ndarray.transpose", x, perm),
        check("numpy.ndarray.transpose", x, None),
        check_attr("numpy.ndarray.T", x),
    ):
        assert is_exact(result)
    if x.ndim:
        assert is_exact(check("numpy.ndarray.transpose", x, *perm))
        negative = tuple(p - x.ndim for p in perm)
        assert is_exact(check("numpy.ndarray.transpose", x, *negative))
    result = check_attr("numpy.ndarray.mT", x)
    assert is_exact(result) if x.ndim >= 2 else raises(result)
    bad = data.draw(st.lists(st.integers(-5, 5), max_size=5).map(tuple))
    result = check("numpy.transpose", x, bad)
    _, error = numpy_result("numpy.transpose", x, bad)
    assert (error is None and is_exact(result)) or (error is not None and raises(result))


@SETTINGS
@given(arrays(), st.integers(-5, 4), st.integers(-5, 4))
def test_swapaxes(x, i, j):
    for result in (check("numpy.swapaxes", x, i, j), check("numpy.ndarray.swapaxes", x, i, j)):
        _, error = numpy_result("numpy.swapaxes", x, i, j)
        assert is_exact(result) if error is None else raises(result, "axis")


@SETTINGS
@given(arrays(), st.data())
def test_moveaxis(x, data):
    axes = st.integers(-x.ndim - 1, x.ndim)
    as_int = data.draw(st.booleans())
    if as_int:
        source, destination = data.draw(axes), data.draw(axes)
    else:
        source = tuple(data.draw(st.lists(axes, max_size=3)))
        destination = tuple(data.draw(st.lists(axes, min_size=len(source), max_size=len(source) + 1)))
    result = check("numpy.moveaxis", x, source, destination)
    _, error = numpy_result("numpy.moveaxis", x, source, destination)
    assert is_exact(result) if error is None else raises(result)


# -- length-1 axes --


@SETTINGS
@given(arrays(), st.data())
def test_expand_dims(x, data):
    axis_value = st.integers(-x.ndim - 3, x.ndim + 2)
    axis = data.draw(axis_value | st.lists(axis_value, max_size=3).map(tuple))
    result = check("numpy.expand_dims", x, axis)
    _, error = numpy_result("numpy.expand_dims", x, axis)
    if error is None:
        assert is_exact(result) and result.explicit
    else:
        assert raises(result, "axis")


@SETTINGS
@given(arrays(st.lists(st.sampled_from([1, 1, 2, 3, 0]), max_size=4).map(tuple)), st.data())
def test_squeeze(x, data):
    in_range = st.integers(-x.ndim, x.ndim - 1) if x.ndim else st.just(0)
    axis = data.draw(st.none() | st.integers(-x.ndim - 1, x.ndim) | st.lists(in_range, max_size=2).map(tuple))
    for name in ("numpy.squeeze", "numpy.ndarray.squeeze"):
        result = check(name, x, axis=axis)
        _, error = numpy_result(name, x, axis=axis)
        if error is None:
            assert is_exact(result)
        elif x.ndim:
            assert raises(result)


def test_squeeze_symbolic():
    a = Array(Shape((N, ONE, Known(3))))
    assert call("numpy.squeeze", a).shape == Shape(None)
    assert call("numpy.squeeze", a, Int(Known(1))).shape == Shape((N, Known(3)))
    assert call("numpy.squeeze", a, Int(Known(0))).shape == Shape((ONE, Known(3)))
    assert raises(call("numpy.squeeze", a, Int(Known(2))), "squeeze")


@SETTINGS
@given(arrays())
def test_ravel(x):
    for name in ("numpy.ravel", "numpy.ndarray.ravel", "numpy.ndarray.flatten"):
        result = check(name, x)
        assert is_exact(result) and result.dtype == abstract(x).dtype


def test_ravel_symbolic():
    a = Array(Shape((N, Known(3))), "i")
    assert call("numpy.ndarray.ravel", a).shape == Shape((size(a.shape),))
    assert call("numpy.ndarray.flatten", Array(Shape(None))).shape.rank == 1


@SETTINGS
@given(arrays(), arrays())
def test_atleast(x, y):
    for name in ("numpy.atleast_1d", "numpy.atleast_2d", "numpy.atleast_3d"):
        assert is_exact(check(name, x))
        assert seq_exact(check_seq(name, x, y))
    assert check("numpy.atleast_2d", x).explicit


# -- joining --


@st.composite
def joinable(draw):
    """A list of arrays that mostly agree except along one axis, sometimes not at all."""
    base = list(draw(nonempty_shapes))
    axis = draw(st.integers(-len(base) - 1, len(base)))
    count = draw(st.integers(0, 3))
    out = []
    for _ in range(count):
        shape = list(base)
        if base and draw(st.booleans()):
            shape[axis % len(base) if -len(base) <= axis < len(base) else 0] = draw(st.integers(1, 3))
        if draw(st.integers(0, 9)) == 0:
            shape = list(draw(nonempty_shapes))
        out.append(np.zeros(tuple(shape), draw(dtypes)))
    return out, axis


def check_exact_unless_error(name, *args, **kwargs):
    result = check(name, *args, **kwargs)
    _, error = numpy_result(name, *args, **kwargs)
    if error is None:
        assert is_exact(result), (name, args, kwargs, result)
    else:
        assert raises(result), (name, args, kwargs, error)
    return result


@SETTINGS
@given(joinable())
def test_concatenate_and_stack(case):
    arrays_, axis = case
    check_exact_unless_error("numpy.concatenate", arrays_, axis=axis)
    check_exact_unless_error("numpy.concatenate", tuple(arrays_))
    check_exact_unless_error("numpy.stack", arrays_, axis=axis)
    if arrays_:
        assert is_exact(check("numpy.concatenate", arrays_, axis=None))
    for name in ("numpy.vstack", "numpy.row_stack", "numpy.hstack", "numpy.dstack", "numpy.column_stack"):
        check_exact_unless_error(name, arrays_)


def test_concatenate_details():
    a = Array(Shape((N, Known(3))), "f")
    b = Array(Shape((M, Known(3))), "i")
    joined = call("numpy.concatenate", Lst((a, b)))
    assert joined.shape.axes[1] == Known(3) and joined.dtype == "f"
    assert isinstance(joined.shape.axes[0], Sym)
    assert raises(call("numpy.concatenate", Lst((a, Array(shape_of(2, 4))))), "concatenate")
    assert call("numpy.concatenate", Lst((a, Array(Shape(None))))).shape.axes[1] == Known(3)
    # An array is a sequence of its rows.
    assert check("numpy.concatenate", np.zeros((3, 2, 4)), axis=1).shape == shape_of(2, 12)
    assert check("numpy.vstack", [np.zeros(3), np.zeros(3)]).shape == shape_of(2, 3)
    assert check("numpy.column_stack", [np.zeros(3), np.zeros((3, 2))]).shape == shape_of(3, 3)
    assert check("numpy.dstack", [np.zeros(3), np.zeros(3)]).shape == shape_of(1, 3, 2)
    assert check("numpy.hstack", [np.zeros(3), 1.0]).shape == shape_of(4)
    assert raises(check("numpy.stack", []))


# -- repeating and broadcasting --


@SETTINGS
@given(arrays(), st.integers(0, 3) | st.lists(st.integers(0, 3), max_size=5).map(tuple))
def test_tile(x, reps):
    assert is_exact(check("numpy.tile", x, reps))


@SETTINGS
@given(arrays(), st.data())
def test_repeat(x, data):
    axis = data.draw(st.none() | st.integers(-x.ndim - 1, x.ndim))
    repeats = data.draw(st.integers(-1, 3) | st.lists(st.integers(0, 3), min_size=1, max_size=4))
    for name in ("numpy.repeat", "numpy.ndarray.repeat"):
        result = check(name, x, repeats, axis=axis)
        _, error = numpy_result(name, x, repeats, axis=axis)
        common = isinstance(repeats, int) and repeats >= 0 and (axis is None or x.ndim)
        if error is None and common:
            assert is_exact(result)


@st.composite
def broadcast_case(draw):
    shape = draw(shapes)
    extra = draw(st.lists(lengths, max_size=2))
    target = list(extra) + [draw(lengths) if s == 1 else s for s in shape]
    if target and draw(st.integers(0, 4)) == 0:
        target[draw(st.integers(0, len(target) - 1))] = draw(lengths)
    if draw(st.integers(0, 6)) == 0:
        target = target[1:]
    return np.zeros(shape), tuple(target)


@SETTINGS
@given(broadcast_case())
def test_broadcast_to(case):
    x, target = case
    result = check_exact_unless_error("numpy.broadcast_to", x, target)
    if not raises(result):
        assert result.explicit


def test_broadcast_to_symbolic():
    a = Array(Shape((Known(3),)))
    assert call("numpy.broadcast_to", a, Tup((Int(N), Int(Unknown())))).shape == Shape((N, Known(3)))
    assert raises(call("numpy.broadcast_to", a, Tup((Int(N), Int(Known(4))))), "broadcast")


# -- same-shape rearrangements --


@SETTINGS
@given(arrays(), st.data())
def test_flip_roll_sort(x, data):
    one_axis = st.integers(-x.ndim - 1, x.ndim)
    axis = data.draw(st.none() | one_axis | st.lists(one_axis, max_size=2).map(tuple))
    for name in ("numpy.flip", "numpy.fliplr", "numpy.flipud"):
        kwargs = {"axis": axis} if name == "numpy.flip" else {}
        check_exact_unless_error(name, x, **kwargs)
    shift = data.draw(st.integers(-3, 3) | st.lists(st.integers(-3, 3), min_size=1, max_size=2).map(tuple))
    check("numpy.roll", x, shift, axis=axis)
    _, error = numpy_result("numpy.roll", x, shift, axis=axis)
    if error is None and not isinstance(shift, tuple) and axis != ():
        assert is_exact(check("numpy.roll", x, shift, axis=axis))
    sort_axis = data.draw(st.none() | st.integers(-x.ndim - 1, x.ndim))
    for name in ("numpy.sort", "numpy.argsort", "numpy.ndarray.argsort"):
        result = check(name, x, axis=sort_axis)
        _, error = numpy_result(name, x, axis=sort_axis)
        if error is None and (x.ndim or sort_axis is None):
            assert is_exact(result)
        if name != "numpy.sort" and not raises(result):
            assert result.dtype == "i"
    in_place_axis = -1 if sort_axis is None else sort_axis
    result = check("numpy.ndarray.sort", x.copy(), axis=in_place_axis)
    _, error = numpy_result("numpy.ndarray.sort", x.copy(), axis=in_place_axis)
    assert result == NONE if error is None else raises(result, "axis")


def test_sort_in_place_returns_none():
    assert check("numpy.ndarray.sort", np.zeros((2, 3))) == NONE
    assert raises(check("numpy.ndarray.sort", np.zeros((2, 3)), axis=2), "axis")


@SETTINGS
@given(arrays(st.lists(st.integers(0, 4), min_size=1, max_size=3).map(tuple)), st.integers(-4, 4))
def test_triangles_and_diag(x, k):
    for name in ("numpy.triu", "numpy.tril"):
        assert is_exact(check(name, x, k))
    result = check("numpy.diag", x, k)
    assert is_exact(result) if x.ndim <= 2 else raises(result)


def test_diag_symbolic():
    assert call("numpy.diag", Array(Shape((N,)))).shape == Shape((N, N))
    assert call("numpy.diag", Array(Shape((N, N)))).shape == Shape((N,))
    assert isinstance(call("numpy.diag", Array(Shape((N, M)))).shape.axes[0], Unknown)


@SETTINGS
@given(arrays(), st.data())
def test_unique_nonzero_argwhere(x, data):
    for name in ("numpy.unique", "numpy.unique_values", "numpy.flatnonzero", "numpy.argwhere"):
        result = check(name, x)
        assert isinstance(result, Array) and result.rank in (1, 2)
    assert check("numpy.unique", np.zeros(0)).shape == shape_of(0)
    assert check("numpy.argwhere", x).shape.axes[1] == Known(x.ndim)
    for name in ("numpy.nonzero", "numpy.ndarray.nonzero"):
        result = check_seq(name, x)
        if x.ndim:
            assert len(result.items) == x.ndim
            assert all(item.dtype == "i" and item.rank == 1 for item in result.items)


@SETTINGS
@given(
    arrays(),
    st.integers(-1, 2)
    | st.tuples(st.integers(-1, 2), st.integers(0, 2))
    | st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=4)
    | st.lists(st.tuples(st.integers(0, 2)), min_size=1, max_size=3),
    st.sampled_from(["constant", "edge", "wrap", "reflect", "empty", "mean"]),
)
def test_pad(x, width, mode):
    result = check("numpy.pad", x, width, mode=mode)
    _, error = numpy_result("numpy.pad", x, width, mode=mode)
    if error is None:
        assert is_exact(result)
    else:
        assert raises(result) or not is_exact(result)


@SETTINGS
@given(arrays(st.lists(st.integers(0, 6), min_size=1, max_size=3).map(tuple)), st.data())
def test_split(x, data):
    sections = data.draw(st.integers(1, 4) | st.lists(st.integers(-7, 7), max_size=3))
    axis = data.draw(st.integers(0, x.ndim - 1))
    for name in ("numpy.split", "numpy.array_split"):
        result = check_seq(name, x, sections, axis=axis)
        _, error = numpy_result(name, x, sections, axis=axis)
        if error is None:
            assert seq_exact(result), (name, x.shape, sections, result)
        else:
            assert raises(result, "split")
    for name in ("numpy.hsplit", "numpy.vsplit", "numpy.dsplit"):
        result = check_seq(name, x, sections)
        _, error = numpy_result(name, x, sections)
        assert seq_exact(result) if error is None else raises(result)


def test_split_symbolic():
    halves = call("numpy.split", Array(Shape((N, Known(3)))), Int(Known(2)))
    assert len(halves.items) == 2 and halves.items[0].shape.axes[0] == arith("//", N, Known(2))
    assert call("numpy.split", Array(Shape((N,))), Int(N)) == UNKNOWN


@SETTINGS
@given(st.lists(arrays(), max_size=3), st.booleans(), st.sampled_from(["xy", "ij"]))
def test_meshgrid(xs, sparse, indexing):
    result = check_seq("numpy.meshgrid", *xs, sparse=sparse, indexing=indexing)
    assert seq_exact(result)


@SETTINGS
@given(arrays(), st.integers(-1, 3), st.data())
def test_diff(x, n, data):
    axis = data.draw(st.integers(-x.ndim - 1, x.ndim))
    check_exact_unless_error("numpy.diff", x, n, axis=axis)
    if x.ndim:
        check_exact_unless_error("numpy.diff", x, prepend=0, append=np.zeros(x.shape))


def test_diff_symbolic():
    assert str(call("numpy.diff", Array(Shape((N,)))).shape) == "(n - 1,)"


# -- robustness --

JUNK: list[Value] = [
    UNKNOWN,
    NONE,
    Const("s"),
    Const(2.5),
    PyFloat(),
    Int(Unknown()),
    Int(N),
    Int(Known(-3)),
    Tup(()),
    Tup((UNKNOWN, Int(Known(1)))),
    Lst(None),
    Array(Shape(None)),
    Array(Shape(None), "b"),
    Array(Shape((Unknown(), N))),
    Array(Shape(())),
    Lst((Array(Shape(None)), Array(shape_of(2)))),
]


@pytest.mark.parametrize("name", sorted(k for k, f in REGISTRY.items() if f.__module__.endswith("_manipulation")))
def test_never_crashes(name):
    for args in itertools.chain(
        ([a] for a in JUNK),
        itertools.product(JUNK[::2], JUNK[1::2]),
        ([Array(shape_of(2, 3)), a, b] for a, b in itertools.product(JUNK[::3], JUNK[::4])),
    ):
        result = call(name, *args)
        assert isinstance(result, (Value, ShapeError))
        assert isinstance(call(name, *args, axis=args[-1]), (Value, ShapeError))
