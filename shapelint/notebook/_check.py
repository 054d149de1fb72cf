"""How `shapelint check` treats a notebook: `# noqa` per cell, fixes per cell, a diff per cell.

`NotebookSource` is the `checking.SourceKind` of `.ipynb` files. Fixes are
applied to the sources of the cells they are in (their positions are rows
and columns of the cell) and spliced into the file's text
(`Notebook.with_sources`), so nothing outside the fixed cells' sources
changes. The diff is one unified diff per changed cell, headed
`a/course.ipynb:cell 3`, as ruff shows notebooks; it is for reading, not for
`patch`.
"""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..engine.imports import dependencies
from ..findings import Finding
from ..fixing import FixOutcome, apply_fixes, fix_until_stable, unified_diff, verified_fixes
from ..noqa import without_suppressed
from ._format import NotebookFormatError, read_notebook
from ._program import cell_sources, lint_notebook


def _apply_in_cells(text: str, findings: Sequence[Finding]) -> tuple[str, list[bool]]:
    """Apply each finding's fix inside its cell's source and splice the sources into the file."""
    notebook = read_notebook(text)
    applied = [False] * len(findings)
    sources: dict[int, str] = {}
    order = sorted((f.cell, i) for i, f in enumerate(findings) if f.cell is not None)
    for cell, group in groupby(order, key=lambda item: item[0]):
        indices = [i for _, i in group]
        new_source, done = apply_fixes(notebook.cells[cell - 1].source, [findings[i].fix for i in indices])  # type: ignore[misc]
        sources[cell] = new_source
        for i, ok in zip(indices, done):
            applied[i] = ok
    return notebook.with_sources(sources), applied


def fix_notebook(
    text: str,
    findings: list[Finding],
    lint: Callable[[str], list[Finding]],
    *,
    unsafe: bool = False,
) -> FixOutcome:
    """`fixing.fix_until_stable` for a notebook: fixes go into the sources of their cells."""
    return fix_until_stable(text, findings, lint, unsafe=unsafe, apply=_apply_in_cells)


def notebook_diff(before: str, after: str, filename: str) -> str:
    """One unified diff per cell whose source changed ("" if none did)."""
    try:
        old, new = read_notebook(before), read_notebook(after)
    except NotebookFormatError:
        return unified_diff(before, after, filename)
    if len(old.cells) != len(new.cells):
        return unified_diff(before, after, filename)
    return "".join(
        unified_diff(a.source, b.source, f"{filename}:cell {a.number}")
        for a, b in zip(old.cells, new.cells)
        if a.source != b.source
    )


def without_suppressed_in_cells(findings: list[Finding], text: str) -> list[Finding]:
    """The findings that no `# noqa` of their own cell suppresses."""
    if not findings:
        return findings
    try:
        sources = cell_sources(read_notebook(text))
    except NotebookFormatError:
        return findings
    kept = []
    for cell, group in groupby(sorted(findings, key=lambda f: f.cell or 0), key=lambda f: f.cell):
        source = sources.get(cell) if cell is not None else None
        kept += list(group) if source is None else without_suppressed(group, source)
    return kept


class NotebookSource:
    """The `checking.SourceKind` of `.ipynb` files; `folder` is where helper modules are looked up."""

    def __init__(self, folder: str | os.PathLike[str], rank1: str = "hazards") -> None:
        self.folder = Path(folder)
        self.rank1 = rank1

    def dependencies(self, text: str) -> tuple[str, ...]:
        """The helper modules the findings depend on, as "path\\0text" (for the results cache's key)."""
        try:
            code = "\n".join(cell.source for cell in read_notebook(text).code_cells)
        except NotebookFormatError:
            return ()
        return tuple(f"{path}\0{helper}" for path, helper in dependencies(self.folder, code))

    def lint(self, text: str, filename: str) -> list[Finding]:
        def lint(new: str) -> list[Finding]:
            return lint_notebook(new, filename, folder=self.folder, rank1=self.rank1)

        return verified_fixes(text, lint(text), lint, apply=_apply_in_cells)

    def suppress(self, findings: list[Finding], text: str) -> list[Finding]:
        return without_suppressed_in_cells(findings, text)

    def fix(self, text: str, findings: list[Finding], lint: Callable[[str], list[Finding]], *, unsafe: bool) -> FixOutcome:
        return fix_notebook(text, findings, lint, unsafe=unsafe)

    def diff(self, before: str, after: str, filename: str) -> str:
        return notebook_diff(before, after, filename)

    def shown(self, text: str) -> Mapping[int | None, str]:
        """What the findings' positions refer to: each code cell's source, and the file's text for no cell."""
        shown: dict[int | None, str] = {None: text}
        try:
            shown.update(cell_sources(read_notebook(text)))
        except NotebookFormatError:
            pass
        return shown


__all__ = ["NotebookSource", "fix_notebook", "notebook_diff", "without_suppressed_in_cells"]
