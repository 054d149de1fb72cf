"""`shapelint shapes`: the shape inferred for every assignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import libcst as cst

from .api import analyze, deep_stack, parse, reaches_numpy
from .domain import format_shape
from .engine.imports import project_importer
from .engine.positions import positions
from .engine.walker import Importer
from .values import Array, Value


@dataclass(frozen=True)
class ShapeRow:
    filename: str
    row: int
    name: str
    value: Value
    source: str
    # The 1-based notebook cell, with `row` counted in that cell; None for a .py file.
    cell: int | None = None

    @property
    def shape(self) -> list[Any] | None:
        """The JSON shape: axes for an array or numpy scalar of known rank, else None."""
        if isinstance(self.value, Array):
            return self.value.shape.to_json()
        return None

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"filename": self.filename, "row": self.row, "name": self.name, "shape": self.shape}
        if self.cell is not None:
            # Notebooks only: `row` counts inside this cell, as in `check`'s findings.
            row["cell"] = self.cell
        return row

    @property
    def display(self) -> str:
        if isinstance(self.value, Array):
            return format_shape(self.value.shape)
        return "?"


def infer_module_shapes(
    module: cst.Module, filename: str, importer: Importer | None = None, *, reaches_numpy: bool = True
) -> list[ShapeRow]:
    """One row per reportable assignment, in source order; `row` is the module's row."""
    with deep_stack():  # positions and source text recurse as deep as the expressions nest
        return _module_shapes(module, filename, importer, reaches_numpy)


def _module_shapes(module: cst.Module, filename: str, importer: Importer | None, reaches_numpy: bool) -> list[ShapeRow]:
    analysis = analyze(module, importer, reaches_numpy=reaches_numpy)
    where = positions(module, analysis.assigned)
    rows = []
    for target, value in analysis.assigned.items():
        span = where.get(target)
        if span is None:
            continue
        source_node = analysis.assigned_from.get(target)
        source = module.code_for_node(source_node) if source_node is not None else ""
        rows.append((span[0], ShapeRow(filename, span[0][0], target.value, value, " ".join(source.split()))))
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows]


def infer_shapes(source: str, filename: str) -> list[ShapeRow]:
    """The rows of `shapelint shapes` for one module's source (empty if it does not parse)."""
    parsed = parse(source, filename)
    if parsed.module is None:
        return []
    return infer_module_shapes(
        parsed.module, filename, project_importer(filename), reaches_numpy=reaches_numpy(source, filename)
    )


def format_rows(filename: str, rows: list[ShapeRow]) -> str:
    """The text form for people (UX.md): row, name, shape, and the expression it came from."""
    lines = [filename]
    if not rows:
        return filename + "\n  (no assignments)\n"
    name_width = max(len(r.name) for r in rows)
    shape_width = max(len(r.display) for r in rows)
    cell = None
    for r in rows:
        if r.cell != cell:
            cell = r.cell
            lines.append(f"  cell {cell}")
        source = r.source if len(r.source) <= 60 else r.source[:57] + "..."
        lines.append(f"{r.row:>4}  {r.name:<{name_width}}  {r.display:<{shape_width}}  {source}".rstrip())
    return "\n".join(lines) + "\n"
