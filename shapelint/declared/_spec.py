"""Declared shapes as the code writes them, before any symbol is bound.

A `Dim` is one axis of a declaration: a fixed length (`3`), a named length
shared by every parameter of the function (`n_samples`, jaxtyping's `batch`),
a length computed from names (`n+1`), a length that may also be 1 (`#n`,
jaxtyping's broadcastable axis), any length (`_`), or any number of axes
(`...`, `*batch`). A `Declaration` lists the alternatives a value may have
(`(n_samples,) or (n_samples, n_outputs)`), and whether the value may also be
something that is not an ndarray (an array-like list, a sparse matrix, None).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True, slots=True)
class Fixed:
    value: int


@dataclass(frozen=True, slots=True)
class Named:
    name: str


@dataclass(frozen=True, slots=True)
class Computed:
    """`n+1`, `2*n`: an int expression over named lengths (jaxtyping's grammar)."""

    text: str


@dataclass(frozen=True, slots=True)
class Broadcastable:
    """jaxtyping's `#n`: n, or 1."""

    name: str


@dataclass(frozen=True, slots=True)
class AnyLength:
    """`_` or an unnamed length (`2-D array`)."""


@dataclass(frozen=True, slots=True)
class AnyAxes:
    """`...` or `*batch`: any number of axes."""


Dim = Union[Fixed, Named, Computed, Broadcastable, AnyLength, AnyAxes]


@dataclass(frozen=True, slots=True)
class Declaration:
    """What a parameter or return value is declared to be.

    `shapes` are the alternatives (each a tuple of dims); an empty tuple means
    an array of unknown shape. `ndarray` is False when the value may be
    something numpy has to convert first (array-like, sparse, None).
    """

    shapes: tuple[tuple[Dim, ...], ...]
    ndarray: bool = True
    sparse: bool = False
    optional: bool = False

    @property
    def fixed_rank(self) -> bool:
        return bool(self.shapes) and all(not any(isinstance(d, AnyAxes) for d in s) for s in self.shapes)


@dataclass(frozen=True, slots=True)
class FunctionDeclarations:
    """Every declaration of one function: its parameters by name, and its return value.

    `returns` has one entry per returned value (a numpydoc Returns section
    may list several: the function returns a tuple).
    """

    params: dict[str, Declaration]
    returns: tuple[Declaration | None, ...] = ()
    # Parameters declared Python numbers (`n : int`, `sigma: float`): "int" or "float".
    scalars: dict[str, str] = field(default_factory=dict)


NOTHING = FunctionDeclarations({}, ())
