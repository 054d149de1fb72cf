"""Run one registry rule and real numpy on the same arguments and compare.

`check(qualname, *args, **kwargs)` builds abstract values from the concrete
arguments, calls the rule, calls numpy, and fails if the rule's shape is
wrong. "Wrong" means: a known axis (or rank) that differs from numpy's, a
ShapeError where numpy succeeds, or a result where numpy raises a shape error
and the rule claimed a fully known shape. Unknown is always allowed.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from hypothesis import strategies as st

from shapelint.domain import SCALAR, Known, Shape, Sym, shape_of
from shapelint.numpy_api import REGISTRY, CallArgs, ShapeError
from shapelint.values import ELLIPSIS, NONE, Array, Const, Int, Lst, Opaque, PyFloat, RandomGen, SliceV, Tup, Value

COVERED: set[str] = set()


def dtype_kind(dtype: np.dtype) -> str:
    if dtype.kind == "b":
        return "b"
    if dtype.kind in "iu":
        return "i"
    return "f"


def abstract(value: Any) -> Value:
    """The abstract value the engine would hold for a concrete one."""
    if isinstance(value, np.ndarray):
        return Array(shape_of(*value.shape), dtype_kind(value.dtype))
    if isinstance(value, np.generic):
        return Array(SCALAR, dtype_kind(value.dtype))
    if isinstance(value, np.random.Generator):
        return RandomGen("Generator")
    if isinstance(value, np.random.RandomState):
        return RandomGen("RandomState")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return Const(value)
    if isinstance(value, int):
        return Int(Known(value))
    if isinstance(value, float):
        return Const(value)
    if isinstance(value, tuple):
        return Tup(tuple(abstract(v) for v in value))
    if isinstance(value, list):
        return Lst(tuple(abstract(v) for v in value))
    if isinstance(value, slice):
        return SliceV(abstract(value.start), abstract(value.stop), abstract(value.step))
    if value is Ellipsis:
        return ELLIPSIS
    if isinstance(value, type) and issubclass(value, np.generic):
        return Const(value)  # dtype arguments are not followed
    raise TypeError(f"no abstract value for {value!r}")


def _resolve(qualname: str, args: tuple) -> tuple[Any, tuple]:
    parts = qualname.split(".")
    if parts[:2] == ["numpy", "ndarray"] or parts[:3] in (
        ["numpy", "random", "Generator"],
        ["numpy", "random", "RandomState"],
    ):
        receiver, rest = args[0], args[1:]
        return getattr(receiver, parts[-1]), rest
    obj: Any = np
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj, args


def numpy_result(qualname: str, *args: Any, **kwargs: Any) -> tuple[Any, BaseException | None]:
    func, rest = _resolve(qualname, args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return func(*rest, **kwargs), None
    except (ValueError, IndexError, TypeError, np.exceptions.AxisError, np.linalg.LinAlgError) as exc:
        return None, exc


def infer(qualname: str, *args: Any, abstract_args: list[Value] | None = None, **kwargs: Any) -> Value | ShapeError:
    call = CallArgs(
        abstract_args if abstract_args is not None else [abstract(a) for a in args],
        {k: abstract(v) for k, v in kwargs.items()},
        qualname=qualname,
    )
    try:
        return REGISTRY[qualname](call)
    except ShapeError as error:
        return error


def agrees(inferred: Value | ShapeError, actual: Any, error: BaseException | None) -> str:
    """An empty string if the inference is sound for this run, else the reason."""
    if error is not None:
        if isinstance(inferred, Array) and inferred.shape.concrete is not None:
            return f"numpy raised {error!r} but the rule claimed {inferred.shape}"
        return ""
    if isinstance(inferred, ShapeError):
        return f"rule raised ShapeError({inferred.message}) but numpy returned shape {np.shape(actual)}"
    if not isinstance(inferred, Array):
        return ""
    if not isinstance(actual, (np.ndarray, np.generic)):
        if isinstance(actual, (int, float, complex, bool)):
            return "" if inferred.shape.axes in (None, ()) else f"numpy returned a Python scalar, rule said {inferred.shape}"
        return ""
    real = np.shape(actual)
    axes = inferred.shape.axes
    if axes is None:
        return ""
    if len(axes) != len(real):
        return f"rank: rule {inferred.shape}, numpy {real}"
    for axis, length in zip(axes, real):
        if isinstance(axis, Known) and axis.value != length:
            return f"shape: rule {inferred.shape}, numpy {real}"
    if inferred.dtype == "b" and np.asarray(actual).dtype.kind != "b":
        return f"dtype: rule says bool, numpy {np.asarray(actual).dtype}"
    return ""


def check(qualname: str, *args: Any, **kwargs: Any) -> Value | ShapeError:
    """Assert the rule for `qualname` is sound on these arguments; return its answer."""
    COVERED.add(qualname)
    inferred = infer(qualname, *args, **kwargs)
    actual, error = numpy_result(qualname, *args, **kwargs)
    reason = agrees(inferred, actual, error)
    assert not reason, f"{qualname}(args={args!r}, kwargs={kwargs!r}): {reason}"
    return inferred


def check_any(qualname: str, *args: Any, **kwargs: Any) -> Value | ShapeError:
    """`check` that also compares each array of a tuple result (eig, svd, qr)."""
    COVERED.add(qualname)
    inferred = infer(qualname, *args, **kwargs)
    actual, error = numpy_result(qualname, *args, **kwargs)
    if isinstance(inferred, Tup):
        if error is not None:
            assert not all(is_exact(x) for x in inferred.items), f"{qualname}: numpy raised {error!r}"
            return inferred
        assert isinstance(actual, tuple) and len(actual) == len(inferred.items)
        for part, real in zip(inferred.items, actual):
            reason = agrees(part, real, None)
            assert not reason, f"{qualname}({args!r}, {kwargs!r}): {reason}"
        return inferred
    reason = agrees(inferred, actual, error)
    assert not reason, f"{qualname}({args!r}, {kwargs!r}): {reason}"
    return inferred


def run(qualname: str, *args: Value, **kwargs: Value) -> Value | ShapeError:
    """The rule on hand-made abstract arguments (symbols, unknown ranks: cases numpy cannot run)."""
    try:
        return REGISTRY[qualname](CallArgs(list(args), dict(kwargs), qualname=qualname))
    except ShapeError as error:
        return error


def is_exact(inferred: Value | ShapeError) -> bool:
    return isinstance(inferred, Array) and inferred.shape.concrete is not None


# -- concrete arguments --


def make_array(shape: tuple[int, ...], kind: str = "f", seed: int = 0) -> np.ndarray:
    """Positive values (negative int powers raise by value): bools, ints 0..3, floats 0.5..1.5, or complex ("c")."""
    rng = np.random.default_rng(seed)
    if kind == "b":
        return rng.random(shape) < 0.5
    if kind == "i":
        return rng.integers(0, 4, shape)
    if kind == "f":
        return rng.random(shape) + 0.5
    return (rng.random(shape) + 0.5) + 1j * rng.random(shape)


def signed_array(shape: tuple[int, ...], kind: str = "f", seed: int = 0) -> np.ndarray:
    """Values of both signs: normal floats, ints -3..3, or bools."""
    rng = np.random.default_rng(seed)
    if kind == "f":
        return rng.normal(size=shape)
    if kind == "i":
        return rng.integers(-3, 4, size=shape)
    return rng.integers(0, 2, size=shape).astype(bool)


@st.composite
def related_shape(draw: Any, base: tuple[int, ...], unrelated: st.SearchStrategy) -> tuple[int, ...]:
    """A shape that broadcasts with `base` (mostly), or one drawn from `unrelated`."""
    if draw(st.integers(0, 5)) == 0:
        return draw(unrelated)
    axes = [1 if draw(st.booleans()) and draw(st.booleans()) else n for n in base]
    return tuple(axes[draw(st.integers(0, len(axes))) :])


__all__ = [
    "COVERED",
    "NONE",
    "Opaque",
    "PyFloat",
    "Shape",
    "Sym",
    "abstract",
    "agrees",
    "check",
    "check_any",
    "infer",
    "is_exact",
    "make_array",
    "numpy_result",
    "related_shape",
    "run",
    "signed_array",
]
