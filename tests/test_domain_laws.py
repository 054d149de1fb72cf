"""The shape domain's laws, against real numpy.

Broadcasting abstract shapes must describe what `np.broadcast_shapes` does
with every concrete shape they stand for: a certain error only where numpy
raises, and every length claimed (known or symbolic) the length numpy
gives. Joins keep only what both sides agree on.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from shapelint.domain import (
    UNKNOWN_AXIS,
    Known,
    Shape,
    Sym,
    broadcast,
    certainly_different,
    join_shape,
    same_shape,
    shape_of,
)

concrete_shape = st.lists(st.integers(0, 4), min_size=0, max_size=4).map(tuple)


def _abstract(shape: tuple[int, ...], how: list[int]) -> tuple[Shape, dict[object, int]]:
    """`shape` with some lengths forgotten (unknown) or named (a symbol per value); the symbols' values."""
    axes = []
    values: dict[object, int] = {}
    for length, mode in zip(shape, how + [0] * len(shape)):
        if mode == 1:
            axes.append(UNKNOWN_AXIS)
        elif mode == 2:
            key = ("n", length)
            values[key] = length
            axes.append(Sym(f"n{length}", key))
        else:
            axes.append(Known(length))
    return Shape(tuple(axes)), values


def _numpy(shapes: list[tuple[int, ...]]) -> tuple[int, ...] | None:
    try:
        return tuple(np.broadcast_shapes(*shapes))
    except ValueError:
        return None


@settings(max_examples=400, deadline=None)
@given(st.lists(concrete_shape, min_size=1, max_size=3))
def test_concrete_broadcast_is_numpys(shapes: list[tuple[int, ...]]) -> None:
    result = broadcast([shape_of(*s) for s in shapes])
    expected = _numpy(shapes)
    if expected is None:
        assert result.error is not None
    else:
        assert result.error is None and result.shape.concrete == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(concrete_shape, st.lists(st.integers(0, 2), max_size=4)), min_size=1, max_size=3))
def test_abstract_broadcast_describes_every_concrete_one(cases) -> None:
    abstract, values = [], {}
    for shape, how in cases:
        made, named = _abstract(shape, how)
        abstract.append(made)
        values.update(named)
    result = broadcast(abstract)
    expected = _numpy([shape for shape, _ in cases])
    if result.error is not None:
        assert expected is None, "a certain error where numpy broadcasts"
        return
    if expected is None or result.shape.axes is None:
        return  # the abstraction may not see an error it cannot be sure of
    assert len(result.shape.axes) == len(expected)
    for axis, length in zip(result.shape.axes, expected):
        if isinstance(axis, Known):
            assert axis.value == length
        elif isinstance(axis, Sym):
            assert values[axis.key] == length


@given(concrete_shape, concrete_shape, st.lists(st.integers(0, 2), max_size=4), st.lists(st.integers(0, 2), max_size=4))
def test_join_keeps_what_both_agree_on(a, b, how_a, how_b) -> None:
    x, _ = _abstract(a, how_a)
    y, _ = _abstract(b, how_b)
    joined = join_shape(x, y)
    assert joined == join_shape(y, x)
    assert join_shape(x, x) == x
    if joined.axes is not None:
        assert len(a) == len(b) == len(joined.axes)
        for axis, p, q in zip(joined.axes, a, b):
            if isinstance(axis, Known):
                assert axis.value == p == q


@given(concrete_shape, concrete_shape)
def test_certain_equality_and_difference_are_numpys(a, b) -> None:
    x, y = shape_of(*a), shape_of(*b)
    assert same_shape(x, y) == (a == b)
    assert certainly_different(x, y) == (a != b)
