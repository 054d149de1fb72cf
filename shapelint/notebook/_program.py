"""A notebook's code cells as one program: lint it and infer its shapes, with positions in cells.

The code cells, in document order and with IPython's syntax turned into
Python (`_ipython`), are joined into one module, as the kernel sees them when
the notebook runs top to bottom: an array made in cell 2 has its shape in
cell 5. Each cell is parsed on its own first, as Jupyter compiles each cell
on its own: a cell that does not parse is an SL000 for that cell and is left
out of the program (running it would bind nothing), and the other cells are
still analyzed. Every row of the program knows the cell and the row in the
cell it came from, and findings are mapped back through that; rows that
shapelint added (the names an opaque `%%timeit` cell may bind) map to
nothing and are never reported.

`from helper import f` with `helper.py` in the notebook's folder gets the
helper's functions (`engine.imports.SiblingImporter`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import libcst as cst

from .. import api
from ..engine.imports import SiblingImporter
from ..engine.positions import positions
from ..findings import Edit, Finding, Position
from ..rules import Report, Rule
from ..shapes import ShapeRow, infer_module_shapes
from ..sourcefile import read_source
from ._format import Notebook, NotebookFormatError, read_notebook, split_lines
from ._ipython import PLACEHOLDER, transform

_LINE_BREAK = re.compile(r"\r\n?")
# (cell, row in the cell) of a program row; None for a row shapelint added.
Origin = tuple[int, int] | None


@dataclass(frozen=True)
class Program:
    """The module source of a notebook's code cells, where each row came from, and the cells that did not parse."""

    text: str
    rows: tuple[Origin, ...]
    errors: tuple[Finding, ...] = ()

    def origin(self, row: int) -> Origin:
        return self.rows[row - 1] if 1 <= row <= len(self.rows) else None

    def locate(self, finding: Finding) -> Finding | None:
        """The finding with its cell and positions in the cell; None if it lies in no cell."""
        start = self.origin(finding.start.row)
        if start is None:
            return None
        cell, row = start
        shift = finding.start.row - row

        def inside(position: Position) -> Position | None:
            origin = self.origin(position.row)
            return Position(position.row - shift, position.column) if origin and origin[0] == cell else None

        end = inside(finding.end) or Position(row, finding.start.column)
        fix = finding.fix
        if fix is not None:
            edits = []
            for edit in fix.edits:
                edit_start, edit_end = inside(edit.start), inside(edit.end)
                if edit_start is None or edit_end is None:
                    edits = []
                    break
                edits.append(Edit(edit.content, edit_start, edit_end))
            fix = replace(fix, edits=tuple(edits)) if edits else None
        noqa = inside(Position(finding.noqa_row, 1))
        return replace(
            finding,
            cell=cell,
            start=Position(row, finding.start.column),
            end=end,
            noqa_row=noqa.row if noqa is not None else row,
            fix=fix,
        )


def build_program(notebook: Notebook, filename: str, skip: frozenset[int] = frozenset()) -> Program:
    """The code cells as one module, leaving out those in `skip` and those that do not parse."""
    pieces: list[str] = []
    rows: list[Origin] = []
    errors: list[Finding] = []
    for cell in notebook.code_cells:
        if cell.number in skip:
            continue
        python = transform(cell.source)
        if python.opaque:
            if python.opaque_names:
                pieces.append(f"{' = '.join(python.opaque_names)} = {PLACEHOLDER}\n")
                rows.append(None)
            continue
        # libcst refuses a module that mixes line breaks, and cells may differ; rows and columns stay.
        text = _LINE_BREAK.sub("\n", python.text)
        parsed = api.parse(text, filename)
        if parsed.error is not None:
            errors.append(replace(parsed.error, cell=cell.number))
            continue
        if text and not text.endswith("\n"):
            text += "\n"
        pieces.append(text)
        rows += [(cell.number, index) for index in range(1, len(split_lines(text)) + 1)]
    return Program("".join(pieces), tuple(rows), tuple(errors))


def parse_program(notebook: Notebook, filename: str) -> tuple[Program, cst.Module]:
    """The program and its module.

    Cells that parse alone practically always parse together; where they do
    not, the cell the parser stopped in is reported and left out.
    """
    skip: set[int] = set()
    extra: list[Finding] = []
    while True:
        program = build_program(notebook, filename, frozenset(skip))
        parsed = api.parse(program.text, filename)
        if parsed.module is not None:
            return replace(program, errors=program.errors + tuple(extra)), parsed.module
        assert parsed.error is not None
        error = program.locate(parsed.error)
        # A row at the end of the text maps to no cell: blame the last one.
        cell = error.cell if error is not None else next((o[0] for o in reversed(program.rows) if o), None)
        if cell is None or cell in skip:
            raise api.SourceError("the notebook's cells do not parse together")
        skip.add(cell)
        row = error.start.row if error is not None else 1
        extra.append(replace(parsed.error, cell=cell, start=Position(row, 1), end=Position(row, 1), noqa_row=row))


def _format_error(exc: NotebookFormatError, filename: str) -> Finding:
    where = Position(exc.row, exc.column)
    return Finding("SL000", "syntax-error", "error", str(exc), filename, where, where, exc.row)


def _order(finding: Finding) -> tuple:
    return (finding.cell or 0, finding.start, finding.end, finding.code)


def lint_notebook(
    text: str,
    filename: str,
    *,
    folder: str | os.PathLike[str] | None = None,
    rules: Iterable[type[Rule]] | None = None,
    rank1: str = "hazards",
) -> list[Finding]:
    """All findings of a notebook's text (before noqa and select/ignore), each with its cell.

    `folder` is where `from helper import f` looks for `helper.py` (default:
    the folder of `filename`). A notebook whose kernel is not Python has no
    findings; one that is not a notebook at all is an SL000 without a cell.
    """
    try:
        notebook = read_notebook(text)
    except NotebookFormatError as exc:
        return [_format_error(exc, filename)]
    if not notebook.is_python:
        return []
    program, module = parse_program(notebook, filename)
    importer = SiblingImporter(Path(folder) if folder is not None else Path(filename).parent)
    reports = api.run_rules(api.analyze(module, importer), rules, rank1)
    located = (program.locate(f) for f in api.to_findings(module, filename, reports, program.origin))
    return sorted([*program.errors, *(f for f in located if f is not None)], key=_order)


def infer_notebook_shapes(path_or_text: str | os.PathLike[str], filename: str) -> list[ShapeRow]:
    """The rows of `shapelint shapes` for a notebook: `row` is the row in the cell, `cell` the cell.

    `path_or_text` is the notebook's path (an `os.PathLike`) or its text (a
    `str`). Helpers are looked up beside the path, or beside `filename` for a
    text. A notebook that cannot be read gives no rows, as a `.py` file that
    does not parse does (`shapes.infer_shapes`); an unreadable file raises
    `sourcefile.SourceError`.
    """
    if isinstance(path_or_text, os.PathLike):
        path = Path(path_or_text)
        text, folder = read_source(path, filename).text, path.parent
    else:
        text, folder = path_or_text, Path(filename).parent
    try:
        notebook = read_notebook(text)
    except NotebookFormatError:
        return []
    if not notebook.is_python:
        return []
    program, module = parse_program(notebook, filename)
    rows = []
    for row in infer_module_shapes(module, filename, SiblingImporter(folder)):
        origin = program.origin(row.row)
        if origin is not None:
            rows.append(replace(row, cell=origin[0], row=origin[1]))
    return rows


def cell_sources(notebook: Notebook) -> dict[int, str]:
    return {cell.number: cell.source for cell in notebook.code_cells}


__all__ = ["Program", "build_program", "cell_sources", "infer_notebook_shapes", "lint_notebook", "parse_program"]
