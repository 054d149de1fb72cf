"""Property tests of `index_result` (the value of `base[index]`) against real numpy indexing."""

from __future__ import annotations

import itertools
from math import prod

import numpy as np
from hypothesis import given, settings, strategies as st

from shapelint.domain import ONE, UNKNOWN_SHAPE, Known, Shape, Sym, Unknown, shape_of
from shapelint.numpy_api import ShapeError, index_result
from shapelint.values import ELLIPSIS, NONE, UNKNOWN, Array, Const, Int, Lst, Opaque, SliceV, Tup, Value

from ._check import abstract, agrees, is_exact

SETTINGS = settings(max_examples=200, deadline=None)

lengths = st.sampled_from([0, 1, 1, 2, 3, 3, 4, 5])
shapes = st.lists(lengths, max_size=4).map(tuple)


def infer_index(base, index) -> Value | ShapeError:
    try:
        return index_result(abstract(base), abstract(index))
    except ShapeError as error:
        return error


def check_index(base, index) -> Value | ShapeError:
    """Assert `index_result` is sound for `base[index]` on these concrete values; return its answer."""
    inferred = infer_index(base, index)
    try:
        actual, error = base[index], None
    except (IndexError, ValueError, TypeError) as exc:
        actual, error = None, exc
    reason = agrees(inferred, actual, error)
    shape = getattr(base, "shape", None)
    assert not reason, f"{shape}[{index!r}]: {reason}"
    return inferred


def raises(inferred: Value | ShapeError, kind: str = "index") -> bool:
    return isinstance(inferred, ShapeError) and inferred.kind == kind


S = slice(None)


# -- generated subscripts --


@st.composite
def subscript(draw, shape):
    """A random subscript for an array of `shape`; `basic` tells whether it is plain basic indexing."""
    count = draw(st.integers(0, len(shape) + 1))
    items: list = []
    position = 0
    basic = True
    arrays = 0
    safe = min([n for n in shape if n] or [1])
    kinds = ["int", "int", "slice", "slice", "slice", "none", "ellipsis"]
    kinds += ["mask", "int_array", "int_list", "np_int", "bool"]
    for i in range(count):
        kind = draw(st.sampled_from(kinds))
        length = shape[position] if position < len(shape) else 3
        if kind == "int":
            items.append(draw(st.integers(-length - 2, length + 1)))
            position += 1
        elif kind == "slice":
            bound = st.none() | st.integers(-length - 2, length + 2)
            step = st.none() | st.sampled_from([-3, -2, -1, 1, 1, 2, 3, 0])
            items.append(slice(draw(bound), draw(bound), draw(step)))
            position += 1
        elif kind == "none":
            items.append(None)
        elif kind == "ellipsis":
            items.append(Ellipsis)
            position = max(position, len(shape) - (count - i - 1))
        elif kind == "mask":
            rank = draw(st.integers(0, 2))
            mask_shape = list(shape[position : position + rank])
            if mask_shape and draw(st.integers(0, 5)) == 0:
                mask_shape[0] += 1
            values = draw(st.lists(st.booleans(), min_size=prod(mask_shape), max_size=prod(mask_shape)))
            items.append(np.array(values, dtype=bool).reshape(mask_shape))
            position += len(mask_shape)
            basic = False
            arrays += 1
        elif kind in ("int_array", "int_list"):
            index_shape = draw(st.lists(st.integers(0, 3), min_size=1, max_size=2))
            # The rule sees the values of a list but not of an array, so an
            # array stays in bounds of every non-empty axis, whichever one it
            # lands on after an ellipsis, to keep the case decidable.
            if kind == "int_list":
                value = st.integers(-length - 1, length)
            else:
                value = st.integers(-safe, safe - 1)
            values = draw(st.lists(value, min_size=prod(index_shape), max_size=prod(index_shape)))
            array = np.array(values, dtype=np.int64).reshape(index_shape)
            items.append(array if kind == "int_array" else array.tolist())
            position += 1
            basic = False
            arrays += 1
        elif kind == "np_int":
            items.append(np.int64(draw(st.integers(-safe, safe - 1))))
            position += 1
            basic = False
        else:
            items.append(draw(st.booleans()))
            basic = False
            arrays += 1
    if len(items) == 1 and draw(st.booleans()):
        return items[0], basic, arrays
    return tuple(items), basic, arrays


@st.composite
def indexing_case(draw):
    shape = draw(shapes)
    index, basic, arrays = draw(subscript(shape))
    return np.zeros(shape, draw(st.sampled_from([np.float64, np.int64, np.bool_]))), index, basic, arrays


def _only_int_array(index) -> bool:
    items = index if isinstance(index, tuple) else (index,)
    non_basic = [i for i in items if not isinstance(i, (int, slice, type(None), type(Ellipsis)))]
    if len(non_basic) != 1 or isinstance(non_basic[0], (bool, np.integer)):
        return False
    return np.asarray(non_basic[0]).dtype.kind == "i"


@SETTINGS
@given(indexing_case())
def test_index_matches_numpy(case):
    x, index, basic, arrays = case
    result = check_index(x, index)
    try:
        actual = x[index]
    except (IndexError, ValueError):
        if basic or _only_int_array(index):
            assert raises(result), (x.shape, index, result)
        return
    if basic or _only_int_array(index):
        # Plain indexing of a known shape must be known exactly.
        assert is_exact(result), (x.shape, index, result)
        assert result.dtype == abstract(x).dtype
        items = index if isinstance(index, tuple) else (index,)
        assert result.explicit == any(i is None for i in items)
    if arrays == 0 and basic and np.ndim(actual) == 0:
        assert result.shape == Shape(())


@st.composite
def advanced_case(draw):
    """Ints, slices, None, one ellipsis and in-bounds int lists: numpy's placement rules decide the shape."""
    shape = draw(st.lists(st.integers(1, 4), max_size=4).map(tuple))
    items: list = []
    position = 0
    ellipsis = False
    while position < len(shape) and draw(st.integers(0, 4)):
        kind = draw(st.sampled_from(["int", "slice", "none", "list", "list", "ellipsis"]))
        length = shape[position]
        if kind == "ellipsis" and not ellipsis:
            ellipsis = True
            items.append(Ellipsis)
            position = draw(st.integers(position, len(shape)))
        elif kind == "none":
            items.append(None)
        else:
            position += 1
            if kind == "int":
                items.append(draw(st.integers(-length, length - 1)))
            elif kind == "slice":
                bound = st.none() | st.integers(-5, 5)
                items.append(slice(draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2, -1]))))
            else:
                index_shape = draw(st.sampled_from([(1,), (2,), (3,), (2, 1), (1, 3)]))
                count = prod(index_shape)
                values = draw(st.lists(st.integers(-length, length - 1), min_size=count, max_size=count))
                items.append(np.array(values).reshape(index_shape).tolist())
    if ellipsis and position > len(shape):
        items.remove(Ellipsis)
    return np.zeros(shape), tuple(items)


@SETTINGS
@given(advanced_case())
def test_advanced_indexing_is_exact(case):
    x, index = case
    result = check_index(x, index)
    try:
        x[index]
    except IndexError:
        return
    assert is_exact(result), (x.shape, index, result)


# -- pinned corners --


def test_basic_examples():
    x = np.zeros((3, 4))
    assert check_index(x, (S, 0)).shape == shape_of(3)
    assert check_index(x, 0).shape == shape_of(4)
    assert check_index(x, (1, 2)).shape == Shape(())
    assert check_index(x, (S, None)).explicit
    assert check_index(x, (Ellipsis, None)).shape == shape_of(3, 4, 1)
    assert check_index(x, slice(None, None, -1)).shape == shape_of(3, 4)
    assert check_index(x, slice(5, 1, -2)).shape == shape_of(1, 4)


def test_errors():
    v = np.zeros(5)
    error = check_index(v, 5)
    assert raises(error) and error.message == "index 5 is out of bounds for axis 0 with size 5"
    assert raises(check_index(v, -6))
    error = check_index(v, (0, 1))
    assert raises(error)
    assert error.message == "too many indices for array: array is 1-dimensional, but 2 were indexed"
    assert raises(check_index(v, (Ellipsis, Ellipsis)))
    assert raises(check_index(v, np.zeros(4, bool)))
    assert raises(check_index(v, [1, 7]))
    assert raises(check_index(np.zeros((2, 3)), ([0, 1], [0, 1, 2])))
    assert raises(check_index(v, slice(0, 3, 0)))


def test_advanced_separated_moves_to_front():
    x = np.zeros((2, 3, 4))
    assert check_index(x, ([0, 1], S, 0)).shape == shape_of(2, 3)
    assert check_index(x, (0, S, [0, 1])).shape == shape_of(2, 3)
    assert check_index(x, (S, 0, [0, 1])).shape == shape_of(2, 2)
    assert check_index(x, ([0], None, [0])).shape == shape_of(1, 1, 4)
    assert check_index(x, (S, np.array([[0, 1]]))).shape == shape_of(2, 1, 2, 4)


def test_separating_ellipsis():
    # An ellipsis standing for no axis still separates the advanced indices.
    x = np.zeros((2, 3, 4))
    assert check_index(x, (S, [0], Ellipsis, [0])).shape == shape_of(1, 2)


def test_masks():
    x = np.zeros((2, 3))
    result = check_index(x, np.ones((2, 3), bool))
    assert result.rank == 1 and isinstance(result.shape.axes[0], Unknown)
    assert check_index(x, (np.ones(2, bool), S)).shape.axes[1] == Known(3)
    assert check_index(x, True).shape == shape_of(1, 2, 3)
    assert check_index(x, (S, False)).shape == shape_of(2, 0, 3)
    assert check_index(x, np.zeros((0, 3), bool)).shape == shape_of(0)
    assert raises(check_index(x, np.zeros((3, 0), bool)))


def test_symbolic_axes():
    n = Sym("n", "n")
    a = Array(Shape((n, Known(3))), "f")
    whole = SliceV(NONE, NONE, NONE)
    assert index_result(a, Tup((whole, Int(Known(0))))).shape == Shape((n,))
    assert index_result(a, Int(Known(0))).shape == shape_of(3)
    assert index_result(a, Int(Known(7))).shape == shape_of(3)  # n may be larger
    assert index_result(a, SliceV(NONE, NONE, Int(Known(-1)))).shape == Shape((n, Known(3)))
    assert isinstance(index_result(a, SliceV(Int(Known(1)), NONE, NONE)).shape.axes[0], Unknown)
    assert index_result(a, Tup((Int(Unknown()), Int(Known(2))))).shape == Shape(())
    assert raises(index_result_error(a, Tup((Int(Known(0)), Int(Known(3))))))
    assert index_result(a, Tup((Int(n), NONE))).explicit
    assert index_result(a, Array(Shape((n,)), None)) == UNKNOWN
    assert index_result(a, Array(Shape((n,)), "i")).shape == Shape((n, Known(3)))
    assert index_result(a, Array(Shape((Unknown(), Known(3))), "b")).rank == 1


def index_result_error(base: Value, index: Value) -> Value | ShapeError:
    try:
        return index_result(base, index)
    except ShapeError as error:
        return error


def test_unknown_rank():
    a = Array(UNKNOWN_SHAPE, "f")
    for index in (Int(Known(0)), Tup((SliceV(NONE, NONE, NONE), NONE)), Array(shape_of(3), "b")):
        result = index_result(a, index)
        assert result == UNKNOWN or (isinstance(result, Array) and result.shape.axes is None)
    assert index_result(a, ELLIPSIS).shape == UNKNOWN_SHAPE


# -- Python tuples and lists --


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 5), max_size=4),
    st.integers(-6, 6)
    | st.builds(slice, st.none() | st.integers(-6, 6), st.none() | st.integers(-6, 6), st.sampled_from([None, -2, 1, 2])),
    st.booleans(),
)
def test_sequence_items(items, index, as_tuple):
    base = tuple(items) if as_tuple else list(items)
    result = infer_index(base, index)
    try:
        real = base[index]
    except IndexError:
        assert raises(result)
        return
    assert result == abstract(real)


def test_shape_tuple():
    n = Sym("n", "n")
    shape = Tup((Int(n), Int(Known(3))))
    assert index_result(shape, Int(Known(0))) == Int(n)
    assert index_result(shape, Int(Known(-1))) == Int(Known(3))
    assert index_result(shape, SliceV(Int(Known(1)), NONE, NONE)) == Tup((Int(Known(3)),))
    assert index_result(Tup((Int(n), Int(n))), Int(Unknown())) == Int(n)
    assert raises(index_result_error(shape, Int(Known(2))))
    assert index_result(shape, Array(Shape(()), "i")) == Int(Unknown())
    assert index_result(Lst(None), Int(Known(0))) == UNKNOWN
    assert index_result(UNKNOWN, Int(Known(0))) == UNKNOWN


# -- robustness --

JUNK: list[Value] = [
    UNKNOWN,
    NONE,
    ELLIPSIS,
    Const("s"),
    Const(1.5),
    Const(True),
    Int(Unknown()),
    Int(Sym("n", "n")),
    Int(Known(-1)),
    SliceV(UNKNOWN, Int(Sym("n", "n")), Const(2.0)),
    Tup(()),
    Tup((UNKNOWN, ELLIPSIS)),
    Lst(None),
    Lst((Int(Known(1)), NONE)),
    Array(Shape(None)),
    Array(Shape(None), "b"),
    Array(Shape((Unknown(), Sym("n", "n"))), "i"),
    Array(Shape(()), "b"),
    Array(Shape((ONE,)), "f"),
    Opaque("param", key="p", name="p"),
]


def test_never_crashes():
    bases = JUNK + [Array(shape_of(2, 3)), Array(Shape((Unknown(), Known(0))), "i")]
    for base, index in itertools.product(bases, JUNK + [Tup(tuple(JUNK[:4])), Tup(tuple(JUNK[-6:]))]):
        assert isinstance(index_result_error(base, index), (Value, ShapeError))
