"""The data the server and its worker process pass each other: plain, picklable, light.

The server's process imports this and not the engine; the worker fills
these in (`_work`, `_shapes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding

# (row, column): 1-based row, 0-based column counting characters, as libcst gives them.
Point = tuple[int, int]


@dataclass(frozen=True)
class ShapeSpan:
    """The shape of the node from `start` to `end` (exclusive): `label: shape`, and where it came from."""

    start: Point
    end: Point
    label: str
    shape: str
    # (text with `{line}`, the row it names), in source order.
    origins: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Hint:
    """An inlay hint `label` at (row, column); `after_name` for a target without a value of its own."""

    row: int
    column: int
    label: str
    after_name: bool = False


@dataclass(frozen=True)
class CellText:
    """One notebook cell: `kind` is "code" (Python), "markdown", or "raw" (code in another language)."""

    kind: str
    source: str


@dataclass(frozen=True)
class Document:
    """A buffer to analyze: a module's `text`, or a notebook's `cells`; `path` is where it lives (or would)."""

    path: str
    text: str = ""
    cells: tuple[CellText, ...] | None = None
    # The configuration file the settings name (as `check --config`), else found from `path`.
    config: str | None = None

    @property
    def is_notebook(self) -> bool:
        return self.cells is not None


@dataclass(frozen=True)
class Placed:
    """A shape span or hint of `_shapes`, in the cell it lies in (None for a module)."""

    cell: int | None
    item: ShapeSpan | Hint


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    shapes: list[Placed] = field(default_factory=list)
    excluded: bool = False
    config_error: str | None = None
    error: str | None = None


@dataclass
class Fixed:
    """The result of fixing a buffer: its new text (a module) or the new sources of the changed cells."""

    text: str | None = None
    cells: dict[int, str] = field(default_factory=dict)
    fixed: int = 0
    error: str | None = None


__all__ = ["CellText", "Document", "Fixed", "Hint", "Outcome", "Placed", "Point", "ShapeSpan"]
