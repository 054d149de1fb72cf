"""Findings, fixes and shapes as LSP messages (lsprotocol types).

Positions: shapelint counts 1-based rows and 1-based columns in characters
(a notebook finding's in its cell); LSP counts 0-based lines and columns in
the units the client and server agreed on (UTF-16 unless the client offers
another), so every column goes through the text of its line. Rows end at
`\\r\\n`, `\\r` or `\\n`, as in Python and in LSP.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from lsprotocol import types

from ..findings import Finding, Fix, Position
from ..links import rule_url
from ..noqa import UNSUPPRESSIBLE, parse_noqa
from ._messages import Hint, ShapeSpan

SOURCE = "shapelint"
FIX_ALL_KIND = "source.fixAll.shapelint"
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BREAK = re.compile(r"\r\n|\r|\n")
# The codes of a `# noqa: SL001, SL002` comment (same spelling as `noqa` reads).
_NOQA_CODES = re.compile(r"#\s*noqa\s*:\s*[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*", re.IGNORECASE)

Units = Callable[[str], int]


class Lines:
    """The rows of one text, to turn shapelint positions into LSP ones and back."""

    def __init__(self, text: str, units: Units) -> None:
        self.rows = [_BREAK.sub("", line) for line in _LINE.findall(text)] or [""]
        if text.endswith(("\n", "\r")):
            self.rows.append("")
        self.units = units

    def position(self, row: int, column: int) -> types.Position:
        """The LSP position of 1-based `row`, 1-based `column` (clamped into the text)."""
        line = min(max(row, 1), len(self.rows)) - 1
        text = self.rows[line]
        return types.Position(line, self.units(text[: max(column - 1, 0)]))

    def range(self, start: Position, end: Position) -> types.Range:
        return types.Range(self.position(start.row, start.column), self.position(end.row, end.column))

    def rest_of_row(self, start: Position) -> types.Range:
        """From `start` to the end of its row: where a note points (a note knows where its code starts)."""
        text = self.rows[min(max(start.row, 1), len(self.rows)) - 1]
        return types.Range(self.position(start.row, start.column), self.position(start.row, len(text) + 1))

    def to_shapelint(self, position: types.Position) -> tuple[int, int]:
        """(1-based row, 0-based column in characters) of an LSP position."""
        line = min(max(position.line, 0), len(self.rows) - 1)
        text, units, column = self.rows[line], 0, 0
        while column < len(text) and units < position.character:
            units += self.units(text[column])
            column += 1
        return line + 1, column


def diagnostic(
    finding: Finding, lines: Lines, related: Callable[[int | None, Position], types.Location | None]
) -> types.Diagnostic:
    """One finding as a diagnostic; `related(cell, start)` is the location in the document a note points at."""
    message = finding.message if not finding.help else f"{finding.message}\nhelp: {finding.help}"
    information = []
    for note in finding.notes:
        if note.location is None or note.filename not in (None, finding.filename):
            continue
        location = related(note.cell, note.location)
        if location is not None:
            information.append(types.DiagnosticRelatedInformation(location, note.message))
    return types.Diagnostic(
        range=lines.range(finding.start, finding.end),
        message=message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(finding.code)) if finding.code != "SL000" else None,
        source=SOURCE,
        related_information=information or None,
    )


def edits(fix: Fix, lines: Lines) -> list[types.TextEdit]:
    return [types.TextEdit(lines.range(edit.start, edit.end), edit.content) for edit in fix.edits]


def whole_text(old: str, new: str, units: Units) -> types.TextEdit:
    """One edit that turns `old` into `new`: the rows from the first changed one to the last."""
    old_rows, new_rows = _LINE.findall(old), _LINE.findall(new)
    shortest = min(len(old_rows), len(new_rows))
    head = 0
    while head < shortest and old_rows[head] == new_rows[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_rows[-1 - tail] == new_rows[-1 - tail]:
        tail += 1
    stop = len(old_rows) - tail
    if stop < len(old_rows) or not old_rows or old.endswith(("\n", "\r")):
        end = types.Position(stop, 0)
    else:  # up to the end of a last row without a line break
        end = types.Position(stop - 1, units(_BREAK.sub("", old_rows[-1])))
    return types.TextEdit(types.Range(types.Position(head, 0), end), "".join(new_rows[head : len(new_rows) - tail]))


def noqa_edit(source: str, finding: Finding, lines: Lines) -> types.TextEdit | None:
    """The edit that adds the finding's code to the `# noqa` of its row; None where no comment can go.

    A row with `# noqa: SL001` gets `, SL003` added; a row without one gets
    `  # noqa: SL003` at its end. The edit is kept only if `# noqa` then reads
    it as a comment of that row that suppresses the code (not inside a string,
    not after a line continuation).
    """
    row = finding.noqa_row
    if finding.code in UNSUPPRESSIBLE or not 1 <= row <= len(lines.rows):
        return None
    text = lines.rows[row - 1]
    existing = parse_noqa(source).get(row, False)
    if existing is None or text.rstrip().endswith("\\"):
        return None  # a bare `# noqa` already suppresses everything; no comment after a continuation
    if existing and (match := _NOQA_CODES.search(text)) is not None:
        column, insert = match.end(), f", {finding.code}"
    else:
        column, insert = len(text), f"  # noqa: {finding.code}"
    start = lines.position(row, column + 1)
    edit = types.TextEdit(types.Range(start, start), insert)
    rows = [*lines.rows]
    rows[row - 1] = text[:column] + insert + text[column:]
    codes = parse_noqa("\n".join(rows) + "\n").get(row)
    return edit if isinstance(codes, frozenset) and finding.code in codes else None


def hover(span: ShapeSpan, lines: Lines) -> types.Hover:
    body = [f"```python\n{span.label}: {span.shape}\n```"]
    body += [text for text, _ in span.origins]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(body)),
        range=types.Range(lines.position(span.start[0], span.start[1] + 1), lines.position(span.end[0], span.end[1] + 1)),
    )


def inlay_hint(hint: Hint, lines: Lines) -> types.InlayHint:
    return types.InlayHint(
        position=lines.position(hint.row, hint.column + 1),
        label=hint.label,
        kind=types.InlayHintKind.Type,
        padding_left=not hint.after_name,
    )


def innermost(spans: Sequence[ShapeSpan], row: int, column: int) -> ShapeSpan | None:
    """The smallest span holding the (1-based row, 0-based column) point; its end counts as inside."""
    best = None
    for span in spans:
        if span.start <= (row, column) <= span.end:
            if best is None or (best.start <= span.start and span.end <= best.end):
                best = span
    return best


__all__ = ["FIX_ALL_KIND", "SOURCE", "Lines", "diagnostic", "edits", "hover", "noqa_edit", "inlay_hint", "innermost", "whole_text"]
