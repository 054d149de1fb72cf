"""Static against observed: `shapelint run --compare`, and the fixture suite's second half.

For every executed file, the static findings (`api.lint_module` on the very
module the run instrumented, filtered like the run's own) are matched with
the runtime findings by code and span:

- `confirmed`: the run reported the same code at the same span;
- `not confirmed`: code on that row ran with arrays, and the run did not report it;
- `not reached`: nothing on that row was seen running with arrays.

And every assignment whose static shape is concrete (as `shapelint shapes` lists them:
known ints only) is compared with the values the run bound to the same
target: a disagreement is any observed value of another shape, or a value
that is no array or numpy scalar at all. That is the runtime half of
"verified against real numpy": the engine promises that a shape it gives
is what numpy produces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, TextIO

from .. import api
from ..engine.positions import positions
from ..findings import Finding
from ..noqa import without_suppressed
from ..shapes import ShapeRow
from ..values import Array
from .recorder import ModuleRecord, Recorder


@dataclass(frozen=True)
class StaticStatus:
    finding: Finding
    status: str  # "confirmed", "not confirmed", "not reached"


@dataclass(frozen=True)
class Disagreement:
    filename: str
    row: int
    name: str
    static: tuple[int, ...]
    observed: tuple[tuple[int, ...] | str, ...]

    def describe(self) -> str:
        seen = ", ".join(_shape_text(s) for s in self.observed)
        return f"{self.filename}:{self.row}: `{self.name}`: static {_shape_text(self.static)}, observed {seen}"

    def to_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "row": self.row,
            "name": self.name,
            "static": list(self.static),
            "observed": [list(s) if isinstance(s, tuple) else s for s in self.observed],
        }


@dataclass
class Comparison:
    statuses: list[StaticStatus] = field(default_factory=list)
    runtime_only: list[Finding] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    compared: int = 0  # concrete static shapes that had observed values to compare with

    def to_json(self) -> dict[str, Any]:
        return {
            "static_findings": [
                {
                    "code": s.finding.code,
                    "filename": s.finding.filename,
                    "location": s.finding.start.to_json(),
                    "end_location": s.finding.end.to_json(),
                    "status": s.status,
                }
                for s in self.statuses
            ],
            "runtime_only": [
                {"code": f.code, "filename": f.filename, "location": f.start.to_json(), "end_location": f.end.to_json()}
                for f in self.runtime_only
            ],
            "shapes": {"compared": self.compared, "disagreements": [d.to_json() for d in self.disagreements]},
        }


def _shape_text(shape: tuple[int, ...] | str) -> str:
    if isinstance(shape, str):
        return f"a {shape}, not an array"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(n) for n in shape) + ")"


def _importer(record: ModuleRecord) -> Any:
    try:
        from ..engine.imports import SiblingImporter
    except ImportError:  # an engine without sibling imports
        return None
    return SiblingImporter(Path(record.instrumented.filename).parent)


def concrete(value: Any) -> tuple[int, ...] | None:
    """The static shape as a tuple of ints, if every axis is a known int."""
    if not isinstance(value, Array):
        return None
    axes = ShapeRow("", 0, "", value, "").shape
    if axes is None or not all(isinstance(a, int) for a in axes):
        return None
    return tuple(axes)


def _rows_run(record: ModuleRecord, recorder: Recorder) -> set[int]:
    rows: set[int] = set()
    for site in recorder.sites:
        if site is not None and recorder.record_of(site) is record and recorder.ran(site):
            rows.update(range(site.start[0], site.end[0] + 1))
    return rows


def compare_module(
    record: ModuleRecord,
    recorder: Recorder,
    runtime: Sequence[Finding],
    codes: set[str] | None = None,
    rank1: str = "hazards",
) -> Comparison:
    """Compare one executed module's static findings and shapes with the run's."""
    result = Comparison()
    module = record.module
    static = api.lint_module(module, record.display, rank1=rank1)
    static = [f for f in without_suppressed(static, record.source) if codes is None or f.code in codes]
    mine = [f for f in runtime if f.filename == record.display]
    spans = {(f.code, f.start, f.end) for f in mine}
    rows_run = _rows_run(record, recorder)
    for finding in static:
        if (finding.code, finding.start, finding.end) in spans:
            status = "confirmed"
        elif finding.start.row in rows_run:
            status = "not confirmed"
        else:
            status = "not reached"
        result.statuses.append(StaticStatus(finding, status))
    static_spans = {(f.code, f.start, f.end) for f in static}
    result.runtime_only = [f for f in mine if (f.code, f.start, f.end) not in static_spans]

    analysis = api.analyze(module, _importer(record))
    where = positions(module, list(analysis.assigned))
    for target, value in analysis.assigned.items():
        shape = concrete(value)
        observed = record.observed.get(target)
        if shape is None or not observed or target not in where:
            continue
        result.compared += 1
        if any(seen != shape for seen in observed):
            result.disagreements.append(Disagreement(record.display, where[target][0][0], target.value, shape, tuple(observed)))
    result.disagreements.sort(key=lambda d: (d.filename, d.row, d.name))
    return result


def compare(
    recorder: Recorder, runtime: Sequence[Finding], codes: set[str] | None = None, rank1: str = "hazards"
) -> Comparison:
    """Compare every executed module (see the module docstring)."""
    total = Comparison()
    # A file imported twice (as `__main__` and by name) has two records: compare the one that ran most.
    chosen: dict[str, ModuleRecord] = {}
    for record in recorder.modules:
        best = chosen.get(record.display)
        if best is None or len(record.observed) > len(best.observed):
            chosen[record.display] = record
    for record in chosen.values():
        one = compare_module(record, recorder, runtime, codes, rank1)
        total.statuses += one.statuses
        total.runtime_only += one.runtime_only
        total.disagreements += one.disagreements
        total.compared += one.compared
    return total


def emit(comparison: Comparison, format_: str, stream: TextIO) -> None:
    if format_ == "json":
        json.dump(comparison.to_json(), stream, indent=2)
        stream.write("\n")
        return
    counts: dict[str, int] = {}
    for status in comparison.statuses:
        counts[status.status] = counts.get(status.status, 0) + 1
    summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "none"
    stream.write(f"Static findings in the executed files: {summary}\n")
    for status in comparison.statuses:
        f = status.finding
        stream.write(f"  {f.filename}:{f.start.row}:{f.start.column}: {f.code} {status.status}\n")
    if comparison.runtime_only:
        stream.write(f"Found only at runtime: {len(comparison.runtime_only)}\n")
        for f in comparison.runtime_only:
            stream.write(f"  {f.filename}:{f.start.row}:{f.start.column}: {f.code}\n")
    n = len(comparison.disagreements)
    stream.write(
        f"Shapes: {comparison.compared} concrete static shape{'s' if comparison.compared != 1 else ''} compared with the run, "
        f"{n} disagreement{'s' if n != 1 else ''}\n"
    )
    for disagreement in comparison.disagreements:
        stream.write(f"  {disagreement.describe()}\n")


__all__ = ["Comparison", "Disagreement", "StaticStatus", "compare", "compare_module", "concrete", "emit"]
