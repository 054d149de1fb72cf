"""The shape domain: axis lengths, shapes, broadcasting and joins.

Nothing here knows about syntax. An axis length is a known int, a symbol
(a length that is fixed but not known, named after where it came from) or
unknown. A shape has a known rank (a tuple of axes) or an unknown rank.

Soundness is the one law everything here keeps: whatever a function returns
must be what numpy would compute for *every* program state it describes.
Where that cannot be promised the answer is unknown, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union


@dataclass(frozen=True, slots=True)
class Known:
    """A length (or int value) known exactly."""

    value: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Sym:
    """A fixed length that is not known, e.g. parameter `n` or `X.shape[1]`.

    Two symbols are the same length only if their keys are equal; the name is
    for people. Keys are derived from where the length came from, so the same
    computation on the same origin gives the same symbol.
    """

    name: str = field(compare=False)
    key: object

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Unknown:
    """A length about which nothing is known; `reason` says why (for debugging)."""

    reason: str = field(default="", compare=False)

    def __str__(self) -> str:
        return "?"


Axis = Union[Known, Sym, Unknown]
UNKNOWN_AXIS = Unknown()
ONE = Known(1)


def same_length(a: Axis, b: Axis) -> bool | None:
    """True if `a` and `b` are certainly equal, False if certainly not, else None."""
    if isinstance(a, Known) and isinstance(b, Known):
        return a.value == b.value
    if isinstance(a, Sym) and isinstance(b, Sym) and a.key == b.key:
        return True
    return None


def declared_apart(a: Axis, b: Axis) -> bool:
    """Two different names one function declares for its axes (`n_samples`, `n_features`).

    Not numpy's fact (a square `X` has as many samples as features) but the
    declaration's: code that contracts or returns one where the other is
    declared contradicts what the function says. Declared symbols are keyed
    `("declared", function id, name, *context)` (`engine.declarations`).
    """
    if not (isinstance(a, Sym) and isinstance(b, Sym)):
        return False
    x, y = a.key, b.key
    return (
        isinstance(x, tuple)
        and isinstance(y, tuple)
        and len(x) >= 3
        and len(y) >= 3
        and x[0] == y[0] == "declared"
        and x[1] == y[1]
        and x[3:] == y[3:]
        and _spelling(x[2]) != _spelling(y[2])
    )


def _spelling(name: object) -> str:
    # `n_feature` beside `n_features` (scikit-learn's ridge docstring) is a typo, not another length.
    return str(name).lower().rstrip("s")


def join_axis(a: Axis, b: Axis) -> Axis:
    """The most precise axis true of both: itself if they agree, else unknown."""
    return a if same_length(a, b) else UNKNOWN_AXIS


# -- integer arithmetic on axes (for `2 * n`, `n + 1`, `X.shape[0] // 2`) --

_SYMBOLIC_OPS = {"+", "-", "*", "//", "%"}


def arith(op: str, a: Axis, b: Axis) -> Axis:
    """Python int arithmetic lifted to axes; a symbol stays a symbol."""
    if isinstance(a, Known) and isinstance(b, Known):
        x, y = a.value, b.value
        try:
            if op == "+":
                return Known(x + y)
            if op == "-":
                return Known(x - y)
            if op == "*":
                return Known(x * y)
            if op == "//":
                return Known(x // y)
            if op == "%":
                return Known(x % y)
            if op == "**" and 0 <= y <= 64:
                return Known(x**y)
        except ZeroDivisionError:
            return Unknown("division by zero")
        return Unknown(f"int {op}")
    if isinstance(a, Unknown) or isinstance(b, Unknown) or op not in _SYMBOLIC_OPS:
        return Unknown(f"symbolic {op}")
    # Canonicalise small identities so that `n * 1` is `n`.
    if op in ("+", "-") and b == Known(0):
        return a
    if op == "*" and b == ONE:
        return a
    if op == "*" and a == ONE:
        return b
    if op == "//" and b == ONE:
        return a
    sep = "*" if op == "*" else f" {op} "
    name = f"{_paren(a)}{sep}{_paren(b)}"
    key_a = a.key if isinstance(a, Sym) else ("k", a.value)
    key_b = b.key if isinstance(b, Sym) else ("k", b.value)
    # `+` and `*` commute, so `n * 2` and `2 * n` are the same length.
    key = (op, frozenset((key_a, key_b))) if op in ("+", "*") else (op, key_a, key_b)
    return Sym(name, key)


def _paren(a: Axis) -> str:
    text = str(a)
    return f"({text})" if " " in text else text


# -- shapes --


@dataclass(frozen=True, slots=True)
class Shape:
    """A shape of known rank (`axes` a tuple) or of unknown rank (`axes` None)."""

    axes: tuple[Axis, ...] | None

    @property
    def rank(self) -> int | None:
        return None if self.axes is None else len(self.axes)

    @property
    def concrete(self) -> tuple[int, ...] | None:
        """The shape as ints if every axis is known."""
        if self.axes is None or not all(isinstance(a, Known) for a in self.axes):
            return None
        return tuple(a.value for a in self.axes)  # type: ignore[union-attr]

    def __str__(self) -> str:
        return format_shape(self)

    def to_json(self) -> list[int | str | None] | None:
        if self.axes is None:
            return None
        return [a.value if isinstance(a, Known) else a.name if isinstance(a, Sym) else None for a in self.axes]


UNKNOWN_SHAPE = Shape(None)
SCALAR = Shape(())


def shape_of(*lengths: int | Axis) -> Shape:
    """`shape_of(3, 4)` is the shape (3, 4)."""
    return Shape(tuple(Known(x) if isinstance(x, int) else x for x in lengths))


def format_shape(shape: Shape) -> str:
    """As numpy prints shapes: `(5,)`, `(3, 4)`, `()`; `?` for unknown parts."""
    if shape.axes is None:
        return "?"
    if len(shape.axes) == 1:
        return f"({shape.axes[0]},)"
    return "(" + ", ".join(str(a) for a in shape.axes) + ")"


def join_shape(a: Shape, b: Shape) -> Shape:
    """What both shapes agree on: same rank keeps agreeing axes, else unknown rank."""
    if a.axes is None or b.axes is None or len(a.axes) != len(b.axes):
        return UNKNOWN_SHAPE
    if a == b:
        return a
    return Shape(tuple(join_axis(x, y) for x, y in zip(a.axes, b.axes)))


def size(shape: Shape) -> Axis:
    """The number of elements, as an axis."""
    if shape.axes is None:
        return Unknown("unknown rank")
    total: Axis = ONE
    for axis in shape.axes:
        if axis == Known(0):
            return Known(0)
        total = arith("*", total, axis)
    return total


# -- broadcasting --


@dataclass(frozen=True, slots=True)
class Broadcast:
    """The outcome of broadcasting: a shape (possibly unknown) or a certain error.

    `expanded` holds the indices of the operands whose shape differs from the
    result (they were stretched or gained axes).
    """

    shape: Shape
    error: str | None = None
    expanded: frozenset[int] = frozenset()


def _broadcast_axis(axes: Sequence[Axis]) -> Axis | str:
    """Broadcast one column of axes; a string is the reason it certainly fails.

    A symbol against a known length k != 1 gives k: either the symbol is 1 or
    k, or numpy raises and there is no result to describe.
    """
    known = {a.value for a in axes if isinstance(a, Known) and a.value != 1}
    if len(known) > 1:
        return "lengths " + " and ".join(str(k) for k in sorted(known)) + " differ"
    if known:
        return Known(known.pop())
    rest = [a for a in axes if not (isinstance(a, Known) and a.value == 1)]
    if not rest:
        return ONE
    if all(isinstance(a, Sym) for a in rest) and all(a == rest[0] for a in rest):
        return rest[0]
    return Unknown("broadcast of unknown lengths")


def broadcast(shapes: Sequence[Shape]) -> Broadcast:
    """numpy's broadcasting of `shapes`.

    >>> str(broadcast([shape_of(5), shape_of(5, 1)]).shape)
    '(5, 5)'
    """
    if not shapes:
        return Broadcast(SCALAR)
    if any(s.axes is None for s in shapes):
        error = _certain_error_with_unknown_rank(shapes)
        return Broadcast(UNKNOWN_SHAPE, error)
    rank = max(len(s.axes) for s in shapes)  # type: ignore[arg-type]
    padded = [(ONE,) * (rank - len(s.axes)) + s.axes for s in shapes]  # type: ignore[operator]
    out: list[Axis] = []
    for column in zip(*padded):
        axis = _broadcast_axis(column)
        if isinstance(axis, str):
            return Broadcast(UNKNOWN_SHAPE, _describe_error(shapes))
        out.append(axis)
    result = Shape(tuple(out))
    expanded = frozenset(i for i, s in enumerate(shapes) if not _same_shape(s, result))
    return Broadcast(result, None, expanded)


def _certain_error_with_unknown_rank(shapes: Sequence[Shape]) -> str | None:
    # Trailing axes are aligned whatever the ranks, so a clash among the known
    # operands is certain even when another operand's rank is unknown.
    known = [s for s in shapes if s.axes is not None]
    if len(known) < 2:
        return None
    inner = broadcast(known)
    return inner.error


def _describe_error(shapes: Sequence[Shape]) -> str:
    return "operands could not be broadcast together with shapes " + " ".join(format_shape(s) for s in shapes)


def _same_shape(a: Shape, b: Shape) -> bool:
    if a.axes is None or b.axes is None or len(a.axes) != len(b.axes):
        return False
    return all(same_length(x, y) for x, y in zip(a.axes, b.axes))


def same_shape(a: Shape, b: Shape) -> bool:
    """True if both shapes are certainly equal."""
    return _same_shape(a, b)


def certainly_different(a: Shape, b: Shape) -> bool:
    """True if the shapes certainly differ (in rank, or in some length)."""
    if a.axes is None or b.axes is None:
        return False
    if len(a.axes) != len(b.axes):
        return True
    return any(same_length(x, y) is False for x, y in zip(a.axes, b.axes))
