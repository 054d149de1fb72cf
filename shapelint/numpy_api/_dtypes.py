"""Dtype kinds: what a `dtype=` argument says, and how kinds promote.

The rules track a dtype only as a kind letter: 'b' (bool), 'i' (signed and
unsigned ints), 'f' (floats and complex), or None (unknown, or another kind:
strings, objects, datetimes).
"""

from __future__ import annotations

import builtins
import warnings
from functools import lru_cache
from typing import Any

import numpy as np

from ..values import NONE, Array, Const, Int, Lst, PyFloat, Ref, Tup, Value
from ._registry import GiveUp

SHAPED = "shaped"
"""`read_dtype` result for a sub-array dtype (`'(2,)f8'`), which adds axes to the result."""

_UNREADABLE = object()
_BUILTIN_TYPES = {"bool", "int", "float", "complex", "object", "str", "bytes"}


def read_dtype(value: Value | None, default: str | None) -> str | None:
    """The kind letter of a `dtype=` argument: 'b', 'i', 'f', None, or SHAPED.

    `default` is the answer when the argument is absent or `None`. A dtype the
    analyzer cannot read gives None (unknown kind), as does a readable one of
    another kind (strings, objects, datetimes).

    >>> read_dtype(Ref("builtins.bool"), "f"), read_dtype(Const("int32"), "f"), read_dtype(None, "f")
    ('b', 'i', 'f')
    """
    if value is None or value == NONE:
        return default
    obj = _dtype_object(value)
    if obj is _UNREADABLE:
        return None
    try:
        return _kind_of(obj)
    except TypeError:  # unhashable: not something np.dtype reads either
        return None


def dtype_kind(value: Value | None, default: str | None) -> str | None:
    """`read_dtype`, giving up on a sub-array dtype (the rules do not follow the axes it adds).

    A number or an array is no dtype: numpy raises (`np.zeros(N, n_dim)`, a
    size passed where the dtype goes), so the call has no shape.
    """
    if isinstance(value, (Int, PyFloat, Array, Tup, Lst)) or (
        isinstance(value, Const) and type(value.value) in (int, float, complex)
    ):
        raise GiveUp
    kind = read_dtype(value, default)
    if kind == SHAPED:
        raise GiveUp
    return kind


def _dtype_object(value: Value) -> Any:
    if isinstance(value, Const) and isinstance(value.value, (str, type, np.dtype)):
        return value.value
    if isinstance(value, Ref):
        name = value.qualname
        if name.startswith("numpy.") and name.count(".") == 1:
            obj = getattr(np, name[len("numpy.") :], _UNREADABLE)
            return obj if isinstance(obj, (type, np.dtype)) else _UNREADABLE
        bare = name[len("builtins.") :] if name.startswith("builtins.") else name
        if bare in _BUILTIN_TYPES:
            return getattr(builtins, bare)
    return _UNREADABLE


@lru_cache(maxsize=256)
def _kind_of(obj: Any) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dtype = np.dtype(obj)
    except Exception:  # noqa: BLE001 - whatever numpy refuses, the analyzer cannot read
        return None
    if dtype.shape != ():
        return SHAPED
    return {"b": "b", "i": "i", "u": "i", "f": "f", "c": "f"}.get(dtype.kind)


def float_dtype(*arrays: Array | None) -> str | None:
    """The dtype kind of an arithmetic result where it is certain."""
    kinds = {a.dtype for a in arrays if a is not None}
    if None in kinds:
        return None
    if "f" in kinds:
        return "f"
    if kinds == {"b"}:
        return "b"
    if kinds <= {"b", "i"}:
        return "i"
    return None


def summed_dtype(kind: str | None) -> str | None:
    """The dtype kind of a sum or product of elements of `kind`: bools add up to ints."""
    return {"b": "i", "i": "i", "f": "f"}.get(kind or "")


__all__ = ["SHAPED", "dtype_kind", "float_dtype", "read_dtype", "summed_dtype"]
