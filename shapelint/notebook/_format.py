"""The `.ipynb` file: its cells, and where each cell's source lies in the file's text.

A notebook is read with plain `json` (no nbformat: the only fields needed are
`cells`, `cell_type`, `source` and the kernel's language, and nbformat would
add jsonschema, traitlets and jupyter_core to the dependencies). A small
scanner beside `json.loads` records the offsets of each cell's `source`
value in the text, so that a fixed cell is written back by replacing just
that value: outputs, execution counts, metadata, ids, key order, indentation
and the file's last newline stay byte for byte. A `source` kept as a list of
lines stays a list, and only the lines that changed are re-encoded (with
`\\uXXXX` escapes where the file has them); a string stays a string.

Cells are numbered from 1 among all cells, markdown and raw included, as
Jupyter counts them from the top.

>>> nb = read_notebook('{"cells": [{"cell_type": "code", "source": ["a = 1\\\\n", "b = 2"]}], "nbformat": 4}')
>>> nb.cells[0].source
'a = 1\\nb = 2'
>>> nb.with_sources({1: "a = 1\\nb = 3"})
'{"cells": [{"cell_type": "code", "source": ["a = 1\\\\n", "b = 3"]}], "nbformat": 4}'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Callable, Mapping

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A row with its line break; the same breaks as Python's tokenizer (and libcst) count.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

Span = tuple[int, int]


class NotebookFormatError(Exception):
    """The text is not a notebook shapelint can read; `row`/`column` (1-based) say where, if known."""

    def __init__(self, message: str, row: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


@dataclass(frozen=True)
class Cell:
    """One cell; `span` is where its `source` value lies in the file, `line_spans` its elements if a list."""

    number: int
    kind: str
    source: str
    span: Span | None = None
    line_spans: tuple[Span, ...] | None = None


@dataclass(frozen=True)
class Notebook:
    text: str
    cells: tuple[Cell, ...]
    # The kernel's language where the notebook names it ("python", "R", ...).
    language: str | None = None

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(cell for cell in self.cells if cell.kind == "code")

    @property
    def is_python(self) -> bool:
        return self.language is None or self.language.lower() in ("python", "python3", "ipython")

    def with_sources(self, sources: Mapping[int, str]) -> str:
        """The file's text with the sources of the given cells replaced; everything else untouched."""
        ascii_only = _escapes_non_ascii(self)
        edits: list[tuple[int, int, str]] = []
        for cell in self.cells:
            new = sources.get(cell.number)
            if new is None or new == cell.source:
                continue
            if cell.span is None:
                raise NotebookFormatError(f"cell {cell.number} has no source to replace")
            edits += _source_edits(self.text, cell, new, ascii_only)
        pieces, last = [], 0
        for start, end, content in sorted(edits):
            pieces += [self.text[last:start], content]
            last = end
        pieces.append(self.text[last:])
        return "".join(pieces)


def split_lines(text: str) -> list[str]:
    """The rows of `text`, each with its line break."""
    return _LINE.findall(text)


def read_notebook(text: str) -> Notebook:
    """Parse a notebook's text; NotebookFormatError if it is not JSON or not an nbformat 4 notebook."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookFormatError(f"the notebook is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise NotebookFormatError("the notebook is too deeply nested to read") from None
    except ValueError as exc:  # a number too long for Python to read (over 4,300 digits)
        raise NotebookFormatError(f"the notebook cannot be read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        if isinstance(data, dict) and isinstance(data.get("worksheets"), list):
            raise NotebookFormatError(
                "nbformat 3 notebooks are not supported; convert it with `jupyter nbconvert --to notebook`"
            )
        raise NotebookFormatError("not a notebook: there is no list of cells")
    spans = _source_spans(text)
    cells = []
    for index, raw in enumerate(data["cells"]):
        if not isinstance(raw, dict):
            raise NotebookFormatError(f"not a notebook: cell {index + 1} is not an object")
        source = raw.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            joined = "".join(source)
        elif isinstance(source, str):
            joined = source
        else:
            raise NotebookFormatError(f"not a notebook: the source of cell {index + 1} is not text")
        span, line_spans = spans[index] if index < len(spans) else (None, None)
        kind = raw.get("cell_type")
        cells.append(Cell(index + 1, kind if isinstance(kind, str) else "", joined, span, line_spans))
    return Notebook(text, tuple(cells), _language(data.get("metadata")))


def _language(metadata: object) -> str | None:
    if not isinstance(metadata, dict):
        return None
    info, spec = metadata.get("language_info"), metadata.get("kernelspec")
    names = (info.get("name") if isinstance(info, dict) else None, spec.get("language") if isinstance(spec, dict) else None)
    return next((name for name in names if isinstance(name, str) and name), None)


# -- where the sources are ---------------------------------------------------------------------------------
# Run only on text json.loads accepted, so the scanner can trust the structure. Duplicate keys resolve as in
# json.loads: the last one wins.


def _skip(text: str, i: int) -> int:
    return _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]


def _value_end(text: str, i: int) -> int:
    return _DECODER.raw_decode(text, i)[1]


def _members(text: str, i: int, on_value: Callable[[str, int], int]) -> int:
    """Walk the object at `i`; `on_value(key, start)` returns where the value ends. Returns the end of the object."""
    i = _skip(text, i + 1)
    if text[i] == "}":
        return i + 1
    while True:
        key, i = scanstring(text, i + 1)
        i = _skip(text, _skip(text, i) + 1)  # past the ":"
        i = _skip(text, on_value(key, i))
        if text[i] == "}":
            return i + 1
        i = _skip(text, i + 1)  # past the ","


def _elements(text: str, i: int, on_value: Callable[[int], int]) -> int:
    i = _skip(text, i + 1)
    if text[i] == "]":
        return i + 1
    while True:
        i = _skip(text, on_value(i))
        if text[i] == "]":
            return i + 1
        i = _skip(text, i + 1)


def _source_spans(text: str) -> list[tuple[Span | None, tuple[Span, ...] | None]]:
    """Per cell, in order: the span of its `source` value and, for a list, of each element."""
    cells: list[tuple[Span | None, tuple[Span, ...] | None]] = []

    def source(start: int) -> tuple[int, tuple[Span, ...] | None]:
        if text[start] != "[":
            return _value_end(text, start), None
        elements: list[Span] = []

        def element(i: int) -> int:
            end = _value_end(text, i)
            elements.append((i, end))
            return end

        return _elements(text, start, element), tuple(elements)

    def cell(start: int) -> int:
        found: list[tuple[Span | None, tuple[Span, ...] | None]] = [(None, None)]

        def member(key: str, i: int) -> int:
            if key != "source":
                return _value_end(text, i)
            end, lines = source(i)
            found[0] = ((i, end), lines)
            return end

        end = _members(text, start, member) if text[start] == "{" else _value_end(text, start)
        cells.append(found[0])
        return end

    def top(key: str, i: int) -> int:
        if key != "cells" or text[i] != "[":
            return _value_end(text, i)
        cells.clear()
        return _elements(text, i, cell)

    _members(text, _skip(text, 0), top)
    return cells


# -- writing a source back ---------------------------------------------------------------------------------


def _escapes_non_ascii(notebook: Notebook) -> bool:
    """Whether the file was written with `ensure_ascii` (its text is ASCII but its sources are not)."""
    return notebook.text.isascii() and not all(cell.source.isascii() for cell in notebook.cells)


def _dump(line: str, ascii_only: bool) -> str:
    return json.dumps(line, ensure_ascii=ascii_only)


def _source_edits(text: str, cell: Cell, new: str, ascii_only: bool) -> list[tuple[int, int, str]]:
    assert cell.span is not None
    start, end = cell.span
    if cell.line_spans is None:
        return [(start, end, _dump(new, ascii_only))]
    old_lines = [json.loads(text[s:e]) for s, e in cell.line_spans]
    new_lines = split_lines(new)
    if len(new_lines) == len(old_lines) and split_lines(cell.source) == old_lines:
        # The usual fix changes a row in place: re-encode just the rows that changed.
        return [
            (s, e, _dump(line, ascii_only))
            for (s, e), old, line in zip(cell.line_spans, old_lines, new_lines)
            if line != old
        ]
    return [(start, end, _list_text(text, cell, new_lines, ascii_only))]


def _list_text(text: str, cell: Cell, lines: list[str], ascii_only: bool) -> str:
    """A whole new list of lines, laid out as the old one was (`[\\n    "a\\n",\\n    "b"\\n   ]`)."""
    assert cell.span is not None and cell.line_spans is not None
    start, end = cell.span
    spans = cell.line_spans
    if not spans:
        return json.dumps(lines, ensure_ascii=ascii_only)
    opening = text[start + 1 : spans[0][0]]
    closing = text[spans[-1][1] : end - 1]
    separator = text[spans[0][1] : spans[1][0]] if len(spans) > 1 else "," + (opening or " ")
    return "[" + opening + separator.join(_dump(line, ascii_only) for line in lines) + closing + "]"


__all__ = ["Cell", "Notebook", "NotebookFormatError", "read_notebook", "split_lines"]
