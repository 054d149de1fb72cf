"""The registry of numpy shape rules, keyed by qualified name.

A rule takes the abstract arguments of one call and returns the abstract
result, or raises `ShapeError` when numpy would certainly raise. Methods are
registered under `numpy.ndarray.NAME` and receive the array as their first
positional argument; `numpy.random.Generator.NAME` likewise receives the
generator.

A rule returns `UNKNOWN` whenever it cannot be sure: a wrong shape is the
worst bug this product can have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..domain import ONE, SCALAR, Axis, Known, Shape, Sym, Unknown
from ..values import (
    UNKNOWN,
    Array,
    Const,
    Int,
    Lst,
    Opaque,
    PyFloat,
    Tup,
    Value,
    int_of,
    scalar_array_for,
)


class ShapeError(Exception):
    """numpy would certainly raise here.

    `kind` names the family the rules know: "broadcast", "matmul", "reshape",
    "index"; anything else (e.g. "concatenate") is not reported by a rule.
    """

    def __init__(self, kind: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details


@dataclass
class CallArgs:
    """The abstract arguments of one call.

    `star` is set when the call used `*args` or `**kwargs` the engine could not
    expand; most rules then return UNKNOWN through `bind`.
    """

    args: list[Value]
    kwargs: dict[str, Value] = field(default_factory=dict)
    star: bool = False
    node: Any = None
    qualname: str = ""

    def bind(self, signature: str) -> dict[str, Value] | None:
        """Match the arguments to a Python-style signature, or None if they do not fit.

        >>> CallArgs([Int(Known(3))], {"dtype": Const("f")}).bind("shape, dtype=None, order='C'")["shape"]
        Int(value=Known(value=3))

        Parameters after `*` are keyword-only; a parameter named `*args` takes the
        rest of the positional arguments as a `Tup`. Omitted parameters are absent
        from the result.
        """
        if self.star:
            return None
        params, varargs, kwonly = _parse_signature(signature)
        out: dict[str, Value] = {}
        positional = list(self.args)
        for name in params:
            if positional:
                out[name] = positional.pop(0)
        if positional:
            if varargs is None:
                return None
            out[varargs] = Tup(tuple(positional))
        elif varargs is not None:
            out[varargs] = Tup(())
        for key, value in self.kwargs.items():
            if key in out or (key not in params and key not in kwonly):
                return None
            out[key] = value
        return out


@lru_cache(maxsize=None)
def _parse_signature(signature: str) -> tuple[tuple[str, ...], str | None, frozenset[str]]:
    params: list[str] = []
    kwonly: set[str] = set()
    varargs = None
    keyword_only = False
    for part in signature.split(","):
        name = part.split("=")[0].strip()
        if not name:
            continue
        if name == "*":
            keyword_only = True
        elif name.startswith("*"):
            varargs = name[1:]
            keyword_only = True
        elif keyword_only:
            kwonly.add(name)
        else:
            params.append(name)
    return tuple(params), varargs, frozenset(kwonly)


Rule = Callable[[CallArgs], Value]

REGISTRY: dict[str, Rule] = {}


def shape_rule(*qualnames: str) -> Callable[[Rule], Rule]:
    """Register `func` as the shape rule of each of `qualnames`."""

    def register(func: Rule) -> Rule:
        for name in qualnames:
            if name in REGISTRY:
                raise ValueError(f"{name} is registered twice")
            REGISTRY[name] = func
        return func

    return register


# -- helpers the rules share --


def as_array(value: Value | None) -> Array | None:
    """The array numpy makes of `value` (`np.asarray`), or None if not known.

    Nested lists and tuples of equal-shaped items become arrays; ragged ones
    are an error in numpy 2 and give None here.
    """
    if value is None:
        return None
    if isinstance(value, Array):
        return value
    scalar = scalar_array_for(value)
    if scalar is not None:
        return scalar
    items = value.items if isinstance(value, (Tup, Lst)) else None
    if items is None:
        return None
    if not items:
        return Array(Shape((Known(0),)), "f")
    inner = [as_array(item) for item in items]
    if any(a is None or a.shape.axes is None for a in inner):
        return None
    first = inner[0].shape  # type: ignore[union-attr]
    for other in inner[1:]:
        if other.shape != first:  # type: ignore[union-attr]
            return None
    dtype = float_dtype(*inner)
    return Array(Shape((Known(len(items)),) + first.axes), dtype)  # type: ignore[operator]


def length_of(value: Value | None) -> Axis | None:
    """An int argument used as a length: its axis, else None (bools are not lengths)."""
    if value is None or isinstance(value, Const):
        return None
    axis = int_of(value)
    if axis is not None:
        return axis
    if isinstance(value, Array) and value.shape.axes == () and value.dtype == "i":
        return Unknown("numpy int")
    return None


def to_shape(value: Value | None) -> Shape | None:
    """A shape argument (`5`, `(3, 4)`, `[n, 1]`) as a Shape, or None if not known.

    An int is a 1-d shape. A tuple whose items are unknown still gives the
    rank. Negative known lengths are kept (reshape's -1); rules that forbid
    them check. A bool is no length (numpy raises TypeError).
    """
    if value is None or (isinstance(value, Const) and isinstance(value.value, bool)):
        return None
    axis = length_of(value)
    if axis is not None:
        return Shape((axis,))
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        axes: list[Axis] = []
        for item in value.items:
            item_axis = length_of(item)
            if item_axis is None:
                item_axis = _symbol_for_opaque(item)
            if item_axis is None:
                return None
            axes.append(item_axis)
        return Shape(tuple(axes))
    if isinstance(value, Array) and value.rank == 1 and value.shape.axes is not None:
        length = value.shape.axes[0]
        if isinstance(length, Known) and value.dtype == "i":
            return Shape((Unknown("array of lengths"),) * length.value)
    return None


def _symbol_for_opaque(value: Value) -> Axis | None:
    # An item of a shape tuple must be an int, so an unknown-but-fixed value
    # there (a parameter `n`) is a length named after it.
    if isinstance(value, Opaque):
        if value.key is not None and value.name:
            return Sym(value.name, value.key)
        return Unknown("unknown int")
    if isinstance(value, (Int, Array)):
        return Unknown("unknown int")
    return None


def normalize_axis(value: Value | None, ndim: int) -> tuple[int, ...] | None | str:
    """An `axis` argument as a sorted tuple of non-negative axes.

    Returns `None` for `axis=None` (all axes), the string "unknown" when the
    argument is not known, and raises ShapeError("axis") when it is out of
    range or repeated, as numpy does.
    """
    if value is None or (isinstance(value, Const) and value.value is None):
        return None
    raw: list[Value]
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        raw = list(value.items)
    else:
        raw = [value]
    axes: list[int] = []
    for item in raw:
        axis = int_of(item)
        if not isinstance(axis, Known) or isinstance(item, Const):
            return "unknown"
        a = axis.value
        if not -ndim <= a < ndim:
            raise ShapeError("axis", f"axis {a} is out of bounds for array of dimension {ndim}")
        axes.append(a % ndim)
    if len(set(axes)) != len(axes):
        raise ShapeError("axis", "repeated axis")
    return tuple(sorted(axes))


def const_value(value: Value | None, default: Any = None) -> Any:
    """A Python constant argument (`keepdims=True`, `order='F'`); `default` when absent.

    Returns the sentinel `NOT_CONSTANT` when the argument is present but unknown.
    """
    if value is None:
        return default
    if isinstance(value, Const):
        return value.value
    if isinstance(value, Int) and isinstance(value.value, Known):
        return value.value.value
    return NOT_CONSTANT


NOT_CONSTANT = object()


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


def scalar(dtype: str | None = "f") -> Array:
    return Array(SCALAR, dtype)


def iter_known(axes: Iterable[Axis]) -> list[int] | None:
    out = []
    for axis in axes:
        if not isinstance(axis, Known):
            return None
        out.append(axis.value)
    return out


__all__ = [
    "CallArgs",
    "NOT_CONSTANT",
    "ONE",
    "REGISTRY",
    "Rule",
    "ShapeError",
    "UNKNOWN",
    "PyFloat",
    "as_array",
    "const_value",
    "float_dtype",
    "iter_known",
    "length_of",
    "normalize_axis",
    "scalar",
    "shape_rule",
    "to_shape",
]
