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

from shapelint.domain import SCALAR, Known, Shape, Sym, shape_of
from shapelint.numpy_api import REGISTRY, CallArgs, ShapeError
from shapelint.values import (
    ELLIPSIS,
    NONE,
    Array,
    Const,
    Int,
    Lst,
    Opaque,
    PyFloat,
    RandomGen,
    SliceV,
    Tup,
    Value,
)

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


def is_exact(inferred: Value | ShapeError) -> bool:
    return isinstance(inferred, Array) and inferred.shape.concrete is not None


__all__ = ["COVERED", "abstract", "agrees", "check", "infer", "is_exact", "numpy_result", "Opaque", "PyFloat", "NONE", "Sym", "Shape"]
