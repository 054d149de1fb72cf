"""The dtype tables that spare the analyzer numpy's import, entry by entry against numpy itself."""

from __future__ import annotations

import math

import numpy as np
import pytest

from shapelint.engine.evaluator import NUMPY_CONSTANTS
from shapelint.numpy_api._dtypes import BUILTIN_TYPES, BYTE_ORDERS, DTYPE_STRINGS, NUMPY_TYPES, SHAPED, TYPE_CODES, read_dtype
from shapelint.values import Const, Ref

KINDS = {"b": "b", "i": "i", "u": "i", "f": "f", "c": "f"}


def numpy_kind(obj: object) -> str | None:
    return KINDS.get(np.dtype(obj).kind)


@pytest.mark.parametrize("name", sorted(NUMPY_TYPES))
def test_numpy_type_names(name):
    if not hasattr(np, name):
        pytest.skip(f"numpy {np.__version__} has no {name}")
    assert NUMPY_TYPES[name] == numpy_kind(getattr(np, name))
    assert read_dtype(Ref(f"numpy.{name}"), None) == NUMPY_TYPES[name]


@pytest.mark.parametrize("text", sorted(DTYPE_STRINGS))
def test_dtype_strings(text):
    assert DTYPE_STRINGS[text] == numpy_kind(text)
    assert read_dtype(Const(text), None) == numpy_kind(text)


@pytest.mark.parametrize("order", BYTE_ORDERS)
@pytest.mark.parametrize("code", sorted(TYPE_CODES))
def test_type_codes_after_a_byte_order(order, code):
    assert read_dtype(Const(order + code), None) == numpy_kind(order + code)


@pytest.mark.parametrize("name", sorted(BUILTIN_TYPES))
def test_builtin_types(name):
    real = __builtins__[name] if isinstance(__builtins__, dict) else getattr(__builtins__, name)
    assert BUILTIN_TYPES[name] == numpy_kind(real)
    assert read_dtype(Ref(f"builtins.{name}"), None) == read_dtype(Const(real), None) == numpy_kind(real)


def test_other_spellings_are_asked_of_numpy():
    assert read_dtype(Const("(2,)f8"), None) == SHAPED
    assert read_dtype(Const(">f16" if hasattr(np, "float128") else "<i4"), None) in ("f", "i")
    assert read_dtype(Const("U5"), "f") is None and read_dtype(Const("not a dtype"), "f") is None
    assert read_dtype(Const(np.dtype("int16")), None) == "i" and read_dtype(Const(np.float32), None) == "f"
    assert read_dtype(Ref("numpy.random"), "f") is None


def test_constants_are_numpy_s():
    for name, value in NUMPY_CONSTANTS.items():
        real = getattr(np, name)
        assert type(real) is float and (value == real or (math.isnan(value) and math.isnan(real))), name
