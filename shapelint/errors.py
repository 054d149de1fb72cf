"""The two ways checking a file can fail, importable without loading the engine.

`SourceError`: the file cannot be read or analyzed for a reason the user can
act on (unreadable, binary, too deeply nested): a per-file error, not a bug.
`InternalError`: a shapelint bug met while linting; it carries the findings
the other rules made, so that they are still shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding


class SourceError(Exception):
    """The file cannot be read or analyzed for a reason the user can act on (not a shapelint bug)."""


class InternalError(Exception):
    """A shapelint bug met while linting; `findings` are those the other rules found."""

    def __init__(self, error: Exception, findings: list[Finding]) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.error = error
        self.findings = findings
