"""Abstract values: what the engine knows about the value of an expression.

An `Array` carries its shape plus provenance the rules read (where a rank-1
array was made, whether it is an un-kept reduction). Python ints are `Int`
over the same axis lattice as lengths, so `n = X.shape[0]` and `np.zeros(n)`
share one symbol. Everything the engine cannot follow is `UNKNOWN`.

Provenance fields are excluded from equality: two arrays of the same shape and
dtype are the same abstract value however they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .domain import (
    SCALAR,
    UNKNOWN_AXIS,
    Axis,
    Known,
    Shape,
    Sym,
    join_axis,
    join_shape,
    same_length,
)


class Value:
    """Base of all abstract values."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Opaque(Value):
    """A value the engine does not follow.

    A parameter or other fixed unknown carries a `key` and a `name`, so that
    `X.shape[1]` and `len(X)` on it become symbols named after it.
    """

    reason: str = field(default="", compare=False)
    key: object = None
    name: str | None = field(default=None, compare=False)
    # The shapes a declaration allows it (`array-like of shape (n,) or (n, k)`):
    # what it is once numpy has made an array of it.
    alternatives: tuple[Shape, ...] = ()


UNKNOWN = Opaque()


@dataclass(frozen=True, slots=True)
class Reduced:
    """Provenance of a reduction without keepdims: the rank it came from and the axes removed."""

    source_rank: int
    axes: tuple[int, ...]
    node: Any = None
    # The `root` of the array it reduced: `A / A.sum(axis=1)` meets its own array.
    source: Any = None


@dataclass(frozen=True, slots=True)
class Array(Value):
    """A numpy array (or numpy scalar, shape `()`).

    `dtype` is a kind letter where it matters to shapes: `b` for boolean masks,
    `i` for integer index arrays, `f` otherwise known; None for unknown.
    `origin` is the node that made a rank-1 array out of something that was
    not rank 1 (rule SL001 and the notes of other rules read it).
    `explicit` is set when the expression itself laid out the axes
    (`x[:, None]`, `v.reshape(1, -1)`), so a broadcast with it is intended.
    `root` is the array's identity: the node that made the array this one was
    computed elementwise from with the same axes (`np.exp(S)` has the root of
    `S`); None where not known.
    """

    shape: Shape
    dtype: str | None = None
    origin: Any = field(default=None, compare=False, repr=False)
    reduced: Reduced | None = field(default=None, compare=False)
    explicit: bool = field(default=False, compare=False)
    root: Any = field(default=None, compare=False, repr=False)

    @property
    def rank(self) -> int | None:
        return self.shape.rank


@dataclass(frozen=True, slots=True)
class Int(Value):
    """A Python int (or bool used as int) whose value is an axis."""

    value: Axis


@dataclass(frozen=True, slots=True)
class Const(Value):
    """A Python constant other than int: float, str, bool, None, Ellipsis, bytes."""

    value: Any


NONE = Const(None)
ELLIPSIS = Const(Ellipsis)


@dataclass(frozen=True, slots=True)
class PyFloat(Value):
    """A Python float (or complex) of unknown value."""


@dataclass(frozen=True, slots=True)
class Tup(Value):
    """A tuple of known length."""

    items: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Lst(Value):
    """A list; `items` None when its length is not known."""

    items: tuple[Value, ...] | None


@dataclass(frozen=True, slots=True)
class SliceV(Value):
    start: Value
    stop: Value
    step: Value


@dataclass(frozen=True, slots=True)
class Range(Value):
    """`range(...)`: only its length matters."""

    length: Axis


@dataclass(frozen=True, slots=True)
class Ref(Value):
    """A name from numpy or the builtins, by qualified name (`numpy.random.rand`)."""

    qualname: str


@dataclass(frozen=True, slots=True)
class ModuleRef(Value):
    """A non-numpy module bound by `import utils`; its names come from the engine's importer."""

    name: str


@dataclass(frozen=True, slots=True)
class Deferred(Value):
    """`from module import name` of a project module, resolved where the name is first read.

    Resolving means analyzing the module, so a name never read costs nothing;
    `importer` is the engine Importer of the module that wrote the import.
    """

    module: str
    name: str
    level: int
    importer: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class RandomGen(Value):
    """A `numpy.random.Generator` (`kind` "Generator") or `RandomState`."""

    kind: str


@dataclass(frozen=True, slots=True)
class Method(Value):
    """A method bound to a receiver: `a.sum`, `rng.normal`."""

    receiver: Value
    qualname: str


@dataclass(frozen=True, slots=True, eq=False)
class Function(Value):
    """A function defined in the analyzed module (compared by identity)."""

    node: Any
    owner: Any = None  # the ClassDef for methods
    home: Any = None  # the engine's ModuleInfo of the module that defines it, if not the current one

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Function) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)


@dataclass(frozen=True, slots=True, eq=False)
class Class(Value):
    """A class defined in an analyzed module; `home` is that module's ModuleInfo."""

    node: Any
    home: Any = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Class) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)


@dataclass(frozen=True, slots=True)
class Instance(Value):
    """An instance of a module class; `attrs` are the `self.x` set in `__init__`."""

    cls: Class
    attrs: tuple[tuple[str, Value], ...] = ()

    def attr(self, name: str) -> Value | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class BoundMethod(Value):
    receiver: Value
    function: Function


@dataclass(frozen=True, slots=True)
class Dct(Value):
    """A dict with constant string keys (`{"W1": W1, "b1": b1}`, as course code keeps parameters)."""

    entries: tuple[tuple[Any, Value], ...]

    def get(self, key: Any) -> Value | None:
        for k, v in self.entries:
            if k == key:
                return v
        return None

    def with_item(self, key: Any, value: Value) -> "Dct":
        return Dct(tuple((k, v) for k, v in self.entries if k != key) + ((key, value),))


@dataclass(frozen=True, slots=True)
class ShapeOf(Value):
    """`X.shape` of a fixed unknown `X` (a parameter): a tuple of ints named after it."""

    key: object
    name: str = field(compare=False)

    def item(self, index: Value) -> Value:
        position = known_int(index)
        if position is None:
            return Int(UNKNOWN_AXIS)
        return Int(Sym(f"{self.name}.shape[{position}]", (self.key, "shape", position)))



def scalar_array_for(value: Value) -> Array | None:
    """A Python scalar as numpy sees it in arithmetic: a 0-d array."""
    if isinstance(value, Int):
        return Array(SCALAR, "i")
    if isinstance(value, PyFloat):
        return Array(SCALAR, "f")
    if isinstance(value, Const) and isinstance(value.value, (bool, float, complex)):
        return Array(SCALAR, "b" if isinstance(value.value, bool) else "f")
    return None


def is_array(value: Value) -> bool:
    return isinstance(value, Array)


# -- joins --


def join(a: Value, b: Value) -> Value:
    """The most precise value true of both `a` and `b`."""
    if a is b or a == b:
        if isinstance(a, Array) and isinstance(b, Array) and (a.origin is not b.origin or a.root is not b.root):
            return Array(
                a.shape,
                a.dtype,
                a.origin if a.origin is b.origin else None,
                a.reduced if a.reduced == b.reduced else None,
                a.explicit and b.explicit,
                a.root if a.root is b.root else None,
            )
        return a
    if isinstance(a, Array) and isinstance(b, Array):
        return Array(join_shape(a.shape, b.shape), a.dtype if a.dtype == b.dtype else None)
    if isinstance(a, Int) and isinstance(b, Int):
        return Int(join_axis(a.value, b.value))
    if isinstance(a, Tup) and isinstance(b, Tup) and len(a.items) == len(b.items):
        return Tup(tuple(join(x, y) for x, y in zip(a.items, b.items)))
    if isinstance(a, Lst) and isinstance(b, Lst):
        if a.items is not None and b.items is not None and len(a.items) == len(b.items):
            return Lst(tuple(join(x, y) for x, y in zip(a.items, b.items)))
        return Lst(None)
    if isinstance(a, Instance) and isinstance(b, Instance) and a.cls == b.cls:
        names = {k for k, _ in a.attrs} & {k for k, _ in b.attrs}
        return Instance(a.cls, tuple(sorted((k, join(a.attr(k), b.attr(k))) for k in names)))  # type: ignore[arg-type]
    if _is_number(a) and _is_number(b):
        # A Python number on one path and a numpy scalar on the other (`s = 0.0`,
        # then `s += w[i] * x[i]`): a number either way, 0-d in arithmetic.
        return PyFloat()
    if isinstance(a, PyFloat) and isinstance(b, Const) and isinstance(b.value, float):
        return a
    if isinstance(b, PyFloat) and isinstance(a, Const) and isinstance(a.value, float):
        return b
    if isinstance(a, Const) and isinstance(b, Const) and isinstance(a.value, float) and isinstance(b.value, float):
        return PyFloat()
    if isinstance(a, Dct) and isinstance(b, Dct):
        keys = [k for k, _ in a.entries if b.get(k) is not None]
        return Dct(tuple((k, join(a.get(k), b.get(k))) for k in keys))  # type: ignore[arg-type]
    if isinstance(a, Range) and isinstance(b, Range):
        return Range(join_axis(a.length, b.length))
    return UNKNOWN


def _is_number(value: Value) -> bool:
    if isinstance(value, Array):
        return value.shape.axes == () and value.dtype in ("f", "i")
    if isinstance(value, Const):
        return isinstance(value.value, (int, float)) and not isinstance(value.value, bool)
    return isinstance(value, (PyFloat, Int))


def int_of(value: Value) -> Axis | None:
    """The int an value stands for (an `Int`, or a bool constant), else None."""
    if isinstance(value, Int):
        return value.value
    if isinstance(value, Const) and isinstance(value.value, bool):
        return Known(int(value.value))
    return None


def known_int(value: Value) -> int | None:
    axis = int_of(value)
    return axis.value if isinstance(axis, Known) else None


def same_value(a: Value, b: Value) -> bool:
    """Certainly equal ints; used where a symbol must match exactly."""
    x, y = int_of(a), int_of(b)
    return x is not None and y is not None and bool(same_length(x, y))


__all__ = [
    "Array",
    "BoundMethod",
    "Class",
    "Const",
    "Dct",
    "Deferred",
    "ShapeOf",
    "ELLIPSIS",
    "Function",
    "Instance",
    "Int",
    "Lst",
    "Method",
    "NONE",
    "Opaque",
    "PyFloat",
    "RandomGen",
    "Range",
    "Reduced",
    "Ref",
    "SliceV",
    "Tup",
    "UNKNOWN",
    "UNKNOWN_AXIS",
    "Value",
    "int_of",
    "is_array",
    "join",
    "known_int",
    "scalar_array_for",
]
