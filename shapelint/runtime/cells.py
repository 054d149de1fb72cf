"""Code cells run one after another in one namespace: each instrumented on its own, their findings made together.

Jupyter compiles each cell on its own and runs it in the namespace of the
cells before it, so an array made in cell 28 is transposed in cell 30. Here
each cell is one module of the recorder (its own rewrite, its wrappers under
a global of its own, rows and columns counted in the cell, `# noqa` read in
the cell), and the rules read the events of all the cells as one program, as
`shapelint check` reads a notebook: the SL002 on `a1.T` in cell 30 has the
note that `a1` became (4,) at line 1 of cell 28.

`shapelint run course.ipynb` (notebook.py) names a cell by its place in the
notebook (`course.ipynb:cell 30`, then `"cell": 30` in JSON); the IPython
extension (extension.py) by its execution count (`In[30]`), which is all a
kernel knows of a cell.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any, Callable

import libcst as cst

from ..api import Place, to_findings
from ..engine.facts import Analysis
from ..engine.positions import positions
from ..findings import Finding
from .instrument import Instrumented
from .recorder import ModuleRecord, Recorder, checked_fixes, runtime_reports

# Each cell's wrappers live in a global of their own; functions a cell defines keep reading it later.
_SITES_NAMES = (f"__shapelint_{n}__" for n in itertools.count(1))


@dataclass(frozen=True)
class _Cell:
    key: int
    # What the user wrote: the text findings' snippets show.
    source: str


class Cells:
    """The cells of one notebook or one kernel session (a `recorder.RecordGroup`).

    `display(key)` names a cell where a finding is reported and in
    tracebacks, `label(key)` in a note about another cell; `notebook`, if
    given, is the name findings finally carry, with the cell as `cell`.
    `config_file` is the path whose `[tool.shapelint]` applies.
    """

    def __init__(
        self,
        recorder: Recorder,
        config_file: str,
        display: Callable[[int], str],
        label: Callable[[int], str],
        notebook: str | None = None,
    ) -> None:
        self.recorder = recorder
        self.config_file = config_file
        self.display = display
        self.label = label
        self.notebook = notebook
        self.records: list[ModuleRecord] = []
        self._cells: dict[int, _Cell] = {}  # by id of the record
        recorder.groups.append(self)

    def instrument(self, python: str, key: int, filename: str, source: str | None = None) -> Instrumented:
        """Rewrite one cell (`python`: its text as Python, rows as in the cell); `filename` is what its code is compiled as.

        Raises InstrumentError or SyntaxError as `Recorder.instrument` does.
        """
        made = self.recorder.instrument(python, filename, self.display(key), sites_name=next(_SITES_NAMES))
        record = self.recorder.modules[-1]
        self.records.append(record)
        self._cells[id(record)] = _Cell(key, python if source is None else source)
        return made

    def key_of(self, record: ModuleRecord) -> int:
        return self._cells[id(record)].key

    # -- recorder.RecordGroup --

    def findings(self, enabled: set[str] | None, rank1: str = "hazards") -> list[Finding]:
        """The rules on the events of every cell at once; each finding in the cell of its node.

        A fix is kept only where the cells, that one fixed, have no new static finding.
        """
        records = [r for r in self.records if r.any()]
        if not records:
            return []
        reports = runtime_reports(_together(records), rank1)
        if not reports:
            return []
        wanted: set[cst.CSTNode] = set()
        for _, report in reports:
            wanted.add(report.node)
            wanted.update(note.node for note in report.notes if note.node is not None)
            wanted.update(hazard.node for hazard in report.hazards)
        where: dict[cst.CSTNode, tuple[ModuleRecord, int, int]] = {}
        for record in records:
            for node, ((row, column), _) in positions(record.module, wanted).items():
                where[node] = (record, row, column)
        out: list[Finding] = []
        for record in records:
            mine = [(rule, report) for rule, report in reports if where.get(report.node, (None,))[0] is record]
            found = to_findings(record.module, record.display, mine, place=lambda node: self._place(where, node))
            found = checked_fixes(record.source, found, self.notebook or record.display, rank1, self._program(record))
            out.extend(replace(f, source="runtime") for f in found if enabled is None or f.code in enabled)
        return out

    def _place(self, where: dict[cst.CSTNode, tuple[ModuleRecord, int, int]], node: cst.CSTNode) -> Place | None:
        found = where.get(node)
        if found is None:
            return None
        record, row, column = found
        key = self.key_of(record)
        if self.notebook is not None:
            return Place(self.notebook, key, row, column + 1, self.label(key), key)
        return Place(record.display, None, row, column + 1, self.label(key), key)

    def _program(self, record: ModuleRecord) -> Callable[[str], str]:
        """The cells run so far as one program, with `text` in the place of `record`'s cell."""

        def program(text: str) -> str:
            cells = (text if r is record else r.source for r in self.records)
            return "".join(cell if cell.endswith("\n") else cell + "\n" for cell in cells)

        return program

    def place(self, finding: Finding) -> Finding:
        if self.notebook is None:
            return finding
        record = next(r for r in self.records if r.display == finding.filename)
        return replace(finding, filename=self.notebook, cell=self.key_of(record))

    def sources(self) -> dict[str, Any]:
        if self.notebook is not None:
            return {self.notebook: {cell.key: cell.source for cell in self._cells.values()}}
        return {record.display: self._cells[id(record)].source for record in self.records}

    def config_path(self, record: ModuleRecord) -> str:
        return self.config_file


def _together(records: list[ModuleRecord]) -> Analysis:
    """One analysis of the events of several modules; its module holds all their statements (for the rules' lookups)."""
    module = cst.Module(body=[statement for record in records for statement in record.module.body])
    return Analysis(
        module=module,
        elementwise=[e for r in records for e in r.elementwise],
        products=[e for r in records for e in r.products],
        transposes=[e for r in records for e in r.transposes],
        failures=[e for r in records for e in r.failures],
        bindings=[e for r in records for e in r.bindings],
        qualnames={node: name for r in records for node, name in r.qualnames.items()},
    )


__all__ = ["Cells"]
