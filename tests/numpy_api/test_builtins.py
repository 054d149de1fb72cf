"""Property tests of Python's builtins on arrays, and `np.shape`/`np.ndim`, against real Python and numpy."""

from __future__ import annotations

import builtins
import warnings
from typing import Any

import numpy as np
from hypothesis import given, settings, strategies as st

from shapelint.numpy_api import REGISTRY, ShapeError
from shapelint.values import Array, Int, Tup

from ._check import abstract, agrees, is_exact

SETTINGS = settings(max_examples=150, deadline=None)
NAMES = ["builtins.sum", "builtins.min", "builtins.max", "builtins.round", "builtins.pow", "numpy.shape", "numpy.ndim"]

shapes = st.lists(st.integers(0, 3), min_size=0, max_size=3).map(tuple)
kinds = st.sampled_from(["f", "i", "b"])


def _array(shape: tuple[int, ...], kind: str) -> Any:
    base = np.arange(1, int(np.prod(shape)) + 1).reshape(shape)
    return {"f": base * 0.5, "i": base, "b": base % 2 == 0}[kind]


def _run(qualname: str, *args: Any) -> tuple[Any, BaseException | None]:
    module, _, name = qualname.partition(".")
    func = getattr(builtins if module == "builtins" else np, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return func(*args), None
    except (ValueError, TypeError, ZeroDivisionError) as exc:
        return None, exc


def _check(qualname: str, *args: Any) -> Any:
    from shapelint.numpy_api import CallArgs

    try:
        inferred = REGISTRY[qualname](CallArgs([abstract(a) for a in args], qualname=qualname))
    except ShapeError as error:
        inferred = error
    actual, error = _run(qualname, *args)
    if isinstance(inferred, Array) and error is None:
        # A Python number is not an array: claiming a shape for it is wrong.
        assert isinstance(actual, (np.ndarray, np.generic)), f"{qualname}{args!r}: {type(actual)} is no array"
    reason = agrees(inferred, actual, error)
    assert not reason, f"{qualname}{args!r}: {reason}"
    return inferred


def test_every_rule_of_the_module_is_tested() -> None:
    mine = {name for name, rule in REGISTRY.items() if rule.__module__.endswith("_builtins")}
    assert mine == set(NAMES)


@SETTINGS
@given(shapes, kinds)
def test_sum_adds_the_rows(shape: tuple[int, ...], kind: str) -> None:
    result = _check("builtins.sum", _array(shape, kind))
    if len(shape) >= 1 and shape[0] > 0:
        assert is_exact(result)


@SETTINGS
@given(shapes, kinds, st.sampled_from(["builtins.min", "builtins.max"]))
def test_min_max_compare_items(shape: tuple[int, ...], kind: str, name: str) -> None:
    result = _check(name, _array(shape, kind))
    if len(shape) == 1 and shape[0] > 0:
        assert is_exact(result)


@SETTINGS
@given(shapes, kinds, st.sampled_from([(), (2,)]))
def test_round_of_numpy_scalars(shape: tuple[int, ...], kind: str, digits: tuple) -> None:
    array = _array(shape, kind) if kind != "b" else _array(shape, "f")
    _check("builtins.round", array, *digits)
    scalar = array.reshape(-1)[0] if array.size else np.float64(1.5)
    _check("builtins.round", scalar, *digits)


@SETTINGS
@given(shapes, shapes)
def test_pow_broadcasts(left: tuple[int, ...], right: tuple[int, ...]) -> None:
    _check("builtins.pow", _array(left, "f"), _array(right, "i"))
    _check("builtins.pow", _array(left, "f"), 2)


@SETTINGS
@given(shapes, kinds)
def test_shape_and_ndim(shape: tuple[int, ...], kind: str) -> None:
    array = _array(shape, kind)
    found = _check("numpy.shape", array)
    assert isinstance(found, Tup) and [i.value.value for i in found.items if isinstance(i, Int)] == list(shape)
    assert _check("numpy.ndim", array) == Int(abstract(len(shape)).value)  # type: ignore[attr-defined]
