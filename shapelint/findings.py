"""The data every part of shapelint passes around: findings, fixes, positions.

Only dataclasses live here; no behaviour beyond conversion to the JSON of
the JSON output format.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based row and column (columns count characters, as ruff's do)."""

    row: int
    column: int

    def to_json(self) -> dict[str, int]:
        return {"row": self.row, "column": self.column}


@dataclass(frozen=True)
class Edit:
    """Replace the text from `start` to `end` (exclusive) by `content`."""

    content: str
    start: Position
    end: Position

    def to_json(self) -> dict[str, Any]:
        return {"content": self.content, "location": self.start.to_json(), "end_location": self.end.to_json()}


@dataclass(frozen=True)
class Fix:
    """A set of edits applied together; `applicability` is "safe" or "unsafe"."""

    applicability: str
    message: str
    edits: tuple[Edit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Note:
    """Where a shape came from: text, and the place it points at (None where it points nowhere)."""

    message: str
    filename: str | None = None
    cell: int | None = None
    location: Position | None = None

    def __str__(self) -> str:
        return self.message

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "filename": self.filename,
            "cell": self.cell,
            "location": self.location.to_json() if self.location is not None else None,
        }


@dataclass(frozen=True)
class Finding:
    """One problem at one span of one file.

    `help` is the action to take (shown as `= help:`), `notes` where the
    shapes came from (shown as `= note:`). `cell` is the 1-based notebook cell,
    with `start`/`end` relative to that cell.
    """

    code: str
    name: str
    severity: str
    message: str
    filename: str
    start: Position
    end: Position
    noqa_row: int
    source: str = "static"
    cell: int | None = None
    fix: Fix | None = None
    help: str | None = None
    notes: tuple[Note, ...] = field(default=())
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "filename": self.filename,
            "cell": self.cell,
            "location": self.start.to_json(),
            "end_location": self.end.to_json(),
            "noqa_row": self.noqa_row,
            "source": self.source,
            "url": self.url,
            "fix": self.fix.to_json() if self.fix else None,
            "notes": [n.to_json() for n in self.notes],
        }

    def with_filename(self, filename: str) -> "Finding":
        return replace(self, filename=filename)


def syntax_error(filename: str, row: int, column: int, message: str) -> Finding:
    """SL000 at Python's row and column (1 at least), in Python's words (`SyntaxError: ...`)."""
    position = Position(max(1, row), max(1, column))
    return Finding("SL000", "syntax-error", "error", f"SyntaxError: {message}", filename, position, position, position.row)
