"""What the server's worker process does: lint a buffer as `check` would, find its shapes, fix it.

Everything here takes and returns plain picklable data, imports nothing of
pygls, and never raises: a problem becomes `Outcome.error` (the file cannot
be analyzed) or `Outcome.config_error` (the configuration cannot be read).

A buffer is linted exactly as `shapelint check` lints a file of that name:
the configuration found from its path (or the file given in the settings),
the codes it enables, its per-file-ignores, `# noqa`, the same fixes. A
notebook arrives as its cells (LSP notebook documents); they are written
as an nbformat 4 notebook and checked as `check` checks a `.ipynb` file, so
cells are numbered and joined into one program the same way.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .. import api

# `check`'s own per-file steps (configuration, selection, `# noqa`, fixes), so a buffer gets exactly
# what `check` would report for the file; this module is their only user outside `checking`.
from ..checking import CheckOptions, OverBudget, _Job, _lint, _Planner, internal_error, source_kind
from ..config import Config, ConfigError
from ..engine.imports import SiblingImporter
from ..notebook import SUFFIX as NOTEBOOK_SUFFIX
from ..notebook import NotebookFormatError, read_notebook
from ..notebook._program import parse_program
from ._messages import Document, Fixed, Hint, Outcome, Placed, ShapeSpan
from ._shapes import shape_places


def _filename(document: Document) -> str:
    """The name `check` would lint the buffer under: its kind follows the suffix."""
    if document.is_notebook != document.path.endswith(NOTEBOOK_SUFFIX):
        # A notebook document under another name, or Python source under a notebook's name:
        # jupyterlab-lsp sends a notebook's cells joined as `.virtual_documents/course.ipynb`.
        return document.path + (NOTEBOOK_SUFFIX if document.is_notebook else ".py")
    return document.path


def _file_text(document: Document) -> str:
    """The text `check` would read: the module, or the notebook as nbformat 4 JSON."""
    if document.cells is None:
        return document.text
    cells = [{"cell_type": cell.kind, "metadata": {}, "source": cell.source} for cell in document.cells]
    notebook = {"cells": cells, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook)


def _excluded(config: Config, path: Path) -> bool:
    """Whether `check` would skip the file when walking its project: it, or a folder above it, is excluded."""
    if config.is_excluded(path):
        return True
    for folder in path.parents:
        if folder == config.root or config.root not in folder.parents:
            break
        if config.is_excluded(folder):
            return True
    return False


def _job(document: Document) -> tuple[_Job, Config]:
    planner = _Planner(CheckOptions(config=document.config, cache=False), None)
    path = Path(os.path.abspath(_filename(document)))
    config = planner.resolver.for_path(path)
    return planner._job(_filename(document), None, config, path), config


def analyze(document: Document, *, with_shapes: bool = True) -> Outcome:
    """The findings `check` reports for the buffer, and the shapes of its expressions."""
    try:
        job, config = _job(document)
    except ConfigError as exc:
        return Outcome(config_error=str(exc))
    except Exception as exc:
        return Outcome(error=internal_error(_filename(document), exc))
    if _excluded(config, Path(os.path.abspath(_filename(document)))):
        return Outcome(excluded=True)
    text = _file_text(document)
    try:
        outcome = Outcome(findings=_lint(job, source_kind(job, text), text))
        if with_shapes:
            outcome.shapes = _shapes(document, text)
        return outcome
    except (api.SourceError, OverBudget) as exc:
        return Outcome(error=f"{_filename(document)}: {exc}")
    except Exception as exc:
        return Outcome(error=internal_error(_filename(document), exc))


def _fill(text: str, row: int, cell: int | None, rows_cell: int | None) -> str:
    where = f"line {row}" if cell is None or cell == rows_cell else f"line {row} of cell {cell}"
    return text.format(line=where)


def _shapes(document: Document, text: str) -> list[Placed]:
    if not document.is_notebook:
        parsed = api.parse(text, _filename(document))
        if parsed.module is None:
            return []
        spans, hints = shape_places(parsed.module, api.analyze(parsed.module))
        return [
            Placed(None, ShapeSpan(s.start, s.end, s.label, s.shape, tuple((_fill(t, r, None, None), r) for t, r in s.origins)))
            for s in spans
        ] + [Placed(None, h) for h in hints]
    try:
        notebook = read_notebook(text)
    except NotebookFormatError:
        return []
    program, module = parse_program(notebook, _filename(document))
    importer = SiblingImporter(Path(os.path.abspath(_filename(document))).parent)
    spans, hints = shape_places(module, api.analyze(module, importer))
    placed: list[Placed] = []
    for span in spans:
        start, end = program.origin(span.start[0]), program.origin(span.end[0])
        if start is None or end is None or start[0] != end[0]:
            continue
        origins = []
        for note, row in span.origins:
            origin = program.origin(row)
            if origin is not None:
                origins.append((_fill(note, origin[1], origin[0], start[0]), origin[1]))
        moved = ShapeSpan((start[1], span.start[1]), (end[1], span.end[1]), span.label, span.shape, tuple(origins))
        placed.append(Placed(start[0], moved))
    for hint in hints:
        origin = program.origin(hint.row)
        if origin is not None:
            placed.append(Placed(origin[0], Hint(origin[1], hint.column, hint.label, hint.after_name)))
    return placed


def fix_all(document: Document, *, unsafe: bool) -> Fixed:
    """Apply the fixes `check --fix` (with `unsafe`: `--fix --unsafe-fixes`) would apply to the buffer."""
    try:
        job, config = _job(document)
        if _excluded(config, Path(os.path.abspath(_filename(document)))):
            return Fixed()
        text = _file_text(document)
        kind = source_kind(job, text)
        findings = _lint(job, kind, text)
        outcome = kind.fix(text, findings, lambda t: _lint(job, kind, t), unsafe=unsafe)
    except ConfigError as exc:
        return Fixed(error=str(exc))
    except (api.SourceError, OverBudget) as exc:
        return Fixed(error=f"{_filename(document)}: {exc}")
    except Exception as exc:
        return Fixed(error=internal_error(_filename(document), exc))
    if outcome.text == text:
        return Fixed()
    if not document.is_notebook:
        return Fixed(text=outcome.text, fixed=outcome.fixed)
    before, after = read_notebook(text), read_notebook(outcome.text)
    changed = {new.number: new.source for old, new in zip(before.cells, after.cells) if old.source != new.source}
    return Fixed(cells=changed, fixed=outcome.fixed)


def warm_up() -> None:
    """Import and run the engine once, so the first real request is not the one that pays for it."""
    api.lint_source("import numpy as np\na = np.zeros(3)\n", "warm_up.py")


__all__ = ["analyze", "fix_all", "warm_up"]
