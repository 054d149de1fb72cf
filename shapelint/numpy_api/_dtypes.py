"""Dtype kinds: what a `dtype=` argument says, and how kinds promote.

The rules track a dtype only as a kind letter: 'b' (bool), 'i' (signed and
unsigned ints), 'f' (floats and complex), or None (unknown, or another kind:
strings, objects, datetimes).

The common spellings are read from tables (numpy's type names and type
codes), so that checking code does not import numpy; a dtype string not in
them (`'(2,)f8'`, `'>f16'`) is handed to numpy itself, imported then.
`tests/numpy_api/test_dtypes.py` checks every entry against numpy.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

from ..values import NONE, Array, Const, Int, Lst, PyFloat, Ref, Tup, Value
from ._registry import GiveUp

SHAPED = "shaped"
"""`read_dtype` result for a sub-array dtype (`'(2,)f8'`), which adds axes to the result."""

# numpy's scalar types by attribute name (`numpy.float32`), numeric kinds only.
NUMPY_TYPES = {
    **dict.fromkeys(["bool", "bool_"], "b"),
    **dict.fromkeys(
        ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "int_", "intp", "uintp", "intc",
         "uintc", "byte", "ubyte", "short", "ushort", "long", "ulong", "longlong", "ulonglong", "uint"],
        "i",
    ),
    **dict.fromkeys(
        ["float16", "float32", "float64", "half", "single", "double", "longdouble", "complex64", "complex128",
         "csingle", "cdouble", "clongdouble"],
        "f",
    ),
}
# Type codes (`'f8'`, `'?'`), which may follow a byte order (`'<f8'`).
TYPE_CODES = {
    **dict.fromkeys(["?", "b1"], "b"),
    **dict.fromkeys(["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q",
                     "p", "P"], "i"),
    **dict.fromkeys(["f2", "f4", "f8", "c8", "c16", "e", "f", "d", "g", "F", "D", "G"], "f"),
}
# Strings numpy reads as a dtype: the type names, Python's names and the codes.
DTYPE_STRINGS = {**NUMPY_TYPES, **TYPE_CODES, "int": "i", "float": "f", "complex": "f"}
BYTE_ORDERS = "<>=|"
# Python's types as a dtype (`dtype=int`): None for those numpy reads as another kind.
BUILTIN_TYPES = {"bool": "b", "int": "i", "float": "f", "complex": "f", "object": None, "str": None, "bytes": None}


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
    if isinstance(value, Ref):
        name = value.qualname
        if name.startswith("numpy.") and name.count(".") == 1:
            return NUMPY_TYPES.get(name[len("numpy.") :])
        return BUILTIN_TYPES.get(name[len("builtins.") :] if name.startswith("builtins.") else name)
    if not isinstance(value, Const):
        return None
    if isinstance(value.value, str):
        return _string_kind(value.value)
    obj = value.value
    module = obj.__module__ if isinstance(obj, type) else type(obj).__module__
    if module == "builtins" and isinstance(obj, type):
        return BUILTIN_TYPES.get(obj.__name__)
    if module.partition(".")[0] == "numpy":  # a numpy type or dtype object: numpy is loaded, ask it
        return _numpy_kind(obj)
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


def _string_kind(text: str) -> str | None:
    if text in DTYPE_STRINGS:
        return DTYPE_STRINGS[text]
    if text[:1] in BYTE_ORDERS and text[1:] in TYPE_CODES:
        return TYPE_CODES[text[1:]]
    return _numpy_kind(text)


@lru_cache(maxsize=256)
def _numpy_kind(obj: Any) -> str | None:
    import numpy

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dtype = numpy.dtype(obj)
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
