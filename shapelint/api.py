"""The Python API: lint and infer shapes without the CLI.

>>> [f.code for f in lint_source("import numpy as np\\na = np.random.rand(5)\\nb = a.T\\n", "x.py")]
['SL001', 'SL002']
>>> [f.code for f in lint_source("import numpy as np\\na = np.random.rand(5)\\n", "x.py", rank1="all")]
['SL001']
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import libcst as cst

from . import guard
from .engine.facts import Analysis
from .engine.imports import parse_cached, project_importer
from .engine.stack import deep_stack
from .engine.positions import positions
from .engine.walker import Importer, analyze_module
from .errors import InternalError, SourceError
from .findings import Edit, Finding, Fix, Note, Position, syntax_error
from .fixing import verified_fixes
from .prefilter import needs_analysis
from .rules import RULES, Report, Rule
from .rules._text import MAX_SNIPPET


@dataclass
class Parsed:
    module: cst.Module | None
    error: Finding | None


def parse(source: str, filename: str) -> Parsed:
    """Parse one module; a syntax error becomes an SL000 finding."""
    if "\x00" in source:
        raise SourceError("file contains NUL bytes (binary file?)")
    if "\r" in source and source.count("\n") != source.count("\r\n"):
        # Mixed line endings are valid Python but libcst refuses them. One
        # kind of break keeps every row and column, so findings and fixes
        # still land right in the original text.
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        with deep_stack():
            # guard.check compiles it with Python first (inside parse_cached, once per text), so a
            # syntax error is reported at Python's position with its words.
            return Parsed(parse_cached(filename, source), None)
    except SyntaxError as error:
        return Parsed(None, syntax_error(filename, error.lineno or 1, error.offset or 1, error.msg))
    except guard.Refused as exc:
        raise SourceError(str(exc)) from None
    except cst.ParserSyntaxError as error:
        # Python accepted it; libcst alone refuses it.
        message = str(error.message).strip().splitlines()[0] if error.message else "invalid syntax"
        row, column = max(1, error.raw_line), error.raw_column + 1
        return Parsed(None, syntax_error(filename, row, column, message))


def analyze(module: cst.Module, importer: Importer | None = None, *, reaches_numpy: bool = True) -> Analysis:
    """Run inference; `importer` resolves `from x import y` of non-numpy modules (else unknown).

    With `reaches_numpy` False (the module cannot reach numpy: `prefilter`),
    nothing unknown is taken for an array, so such a module has no finding
    and skipping it changes nothing.
    """
    with deep_stack():
        return analyze_module(module, importer, reaches_numpy=reaches_numpy)


def lint_source(
    source: str,
    filename: str,
    rules: Iterable[type[Rule]] | None = None,
    rank1: str = "hazards",
    *,
    verify_fixes: bool = True,
    reaches: bool | None = None,
) -> list[Finding]:
    """All findings for one module's source text (before noqa and select/ignore).

    A fix is kept only where the fixed text has no new finding
    (`fixing.verified_fixes`). `reaches` is `reaches_numpy(source, filename)`
    where the caller knows it already.
    """
    rules = list(rules) if rules is not None else None
    with deep_stack():
        parsed = parse(source, filename)
        if parsed.error is not None:
            return [parsed.error]
        assert parsed.module is not None
        if reaches is None:
            reaches = reaches_numpy(source, filename)
        findings = lint_module(parsed.module, filename, rules, project_importer(filename), rank1=rank1, reaches_numpy=reaches)
    if verify_fixes:
        # A fix does not change whether the module reaches numpy: no need to ask again per fix.
        findings = verified_fixes(
            source, findings, lambda text: lint_source(text, filename, rules, rank1, verify_fixes=False, reaches=reaches)
        )
    return findings


def reaches_numpy(source: str, filename: str) -> bool:
    """Whether the module can reach numpy (`prefilter.needs_analysis`, its folder's modules included)."""
    return needs_analysis(source, os.path.dirname(os.path.abspath(filename)))


def lint_module(
    module: cst.Module,
    filename: str,
    rules: Iterable[type[Rule]] | None = None,
    importer: Importer | None = None,
    rank1: str = "hazards",
    reaches_numpy: bool = True,
) -> list[Finding]:
    """The findings of every rule; a rule that fails raises InternalError carrying the others' findings."""
    with deep_stack():
        analysis = analyze(module, importer, reaches_numpy=reaches_numpy)
        failures: list[Exception] = []
        reports = run_rules(analysis, rules, rank1, failures)
        findings = to_findings(module, filename, reports)
    if failures:
        raise InternalError(failures[0], findings) from failures[0]
    return findings


# What SL001 says of an origin that causes nothing (yet); in its place, what it causes.
NEITHER = "neither a row nor a column"


def run_rules(
    analysis: Analysis,
    rules: Iterable[type[Rule]] | None = None,
    rank1: str = "hazards",
    failures: list[Exception] | None = None,
) -> list[tuple[type[Rule], Report]]:
    """Run every rule over the analysis; one report per rule and node, the most specific rule winning.

    In the default `hazards` mode an SL001 origin is kept only where the
    array, or a value computed from it, takes part in another finding
    (`Report.hazards` holds those findings); `all` keeps every origin.
    With `failures`, a rule that raises is recorded there and the other rules still run.
    """
    found: dict[tuple[str, Any], tuple[type[Rule], Report]] = {}
    superseded: set[tuple[str, Any]] = set()
    for rule in rules if rules is not None else RULES:
        if rule.always_on:
            continue  # the parser reports it
        try:
            for report in rule().check(analysis):
                key = (rule.code, report.node)
                if key not in found:
                    found[key] = (rule, report)
                superseded.update(report.supersedes)
        except Exception as exc:
            if failures is None:
                raise
            failures.append(exc)
    kept = [entry for key, entry in found.items() if key not in superseded]
    hazards: dict[Any, list[Report]] = {}
    for rule, report in kept:
        if rule.is_hazard:
            for origin in report.origins:
                hazards.setdefault(origin, []).append(report)
    out = []
    for rule, report in kept:
        if rule.by_hazard:
            report.hazards = tuple(hazards.get(report.origin, ()))
            if not report.hazards and rank1 != "all":
                continue
        out.append((rule, report))
    return out


# Maps a row of the analyzed module to (cell, row in the cell) for notebooks; None where no cell holds it.
Locate = Callable[[int], "tuple[int | None, int] | None"]


def _locate_plain(row: int) -> tuple[int | None, int]:
    return None, row


@dataclass(frozen=True)
class Place:
    """Where a node is, as a note or a message names it.

    `cell` is the notebook cell (None in a plain file), `row` and the 1-based
    `column` count in it; `label` names the cell seen from elsewhere
    (`cell 2`, `In[28]`), and `order` sorts places of several cells.
    """

    filename: str
    cell: int | None
    row: int
    column: int
    label: str | None = None
    order: int = 0

    def line(self, seen_from: "Place | None") -> str:
        """`7`, or `7 of cell 2` seen from another cell."""
        elsewhere = seen_from is None or (seen_from.filename, seen_from.cell) != (self.filename, self.cell)
        return f"{self.row} of {self.label}" if self.label is not None and elsewhere else str(self.row)


# Places a node: None where it is not in the checked code.
Placer = Callable[[cst.CSTNode], "Place | None"]


def _placer(filename: str, where: dict[cst.CSTNode, Any], locate: Locate) -> Placer:
    def place(node: cst.CSTNode) -> Place | None:
        span = where.get(node)
        target = locate(span[0][0]) if span is not None else None
        if span is None or target is None:
            return None
        cell, row = target
        label = f"cell {cell}" if cell is not None else None
        return Place(filename, cell, row, span[0][1] + 1, label, cell or 0)

    return place


def _hazard_message(report: Report, place: Placer, module: cst.Module) -> str:
    """SL001's message, naming the first later finding that makes the origin matter."""
    placed = []
    for index, hazard in enumerate(report.hazards):
        there = place(hazard.node) if hazard.consequence else None
        if there is not None:
            placed.append(((there.order, there.row, there.column), index, there))
    if not placed:
        return report.message
    _, index, there = min(placed)
    hazard = report.hazards[index]
    text = " ".join(module.code_for_node(hazard.node).split())
    if len(text) > MAX_SNIPPET:
        text = text[: MAX_SNIPPET - 3] + "..."
    line = there.line(place(report.node))
    return report.message.replace(NEITHER, f"`{text}` at line {line} {hazard.consequence}", 1)


def to_findings(
    module: cst.Module,
    filename: str,
    reports: list[tuple[type[Rule], Report]],
    locate: Locate = _locate_plain,
    place: Placer | None = None,
) -> list[Finding]:
    """The reports as findings at rows and columns of `module`.

    Notes and SL001's message name other nodes by `place` (by default their
    rows in `module`, which a notebook's `locate` maps to cells); several
    modules read as one program (the cells of a run) pass their own.
    """
    wanted: set[cst.CSTNode] = set()
    for _, report in reports:
        wanted.add(report.node)
        wanted.update(node for node, _ in report.replacements)
        wanted.update(note.node for note in report.notes if note.node is not None)
        wanted.update(h.node for h in report.hazards)
    where = positions(module, wanted)
    place = place or _placer(filename, where, locate)
    findings = []
    for rule, report in reports:
        span = where.get(report.node)
        if span is None:
            continue
        (row, col), (end_row, end_col) = span
        fix = None
        if report.replacements:
            edits: list[Edit] = []
            for node, content in report.replacements:
                edit_span = where.get(node)
                if edit_span is None:
                    edits = []
                    break
                (r1, c1), (r2, c2) = edit_span
                edits.append(Edit(content, Position(r1, c1 + 1), Position(r2, c2 + 1)))
            if edits:
                fix = Fix(report.applicability, report.fix_message or report.help or "apply the fix", tuple(edits))
        here = place(report.node)
        notes = []
        for note in report.notes:
            if note.node is None:
                notes.append(Note(note.message))
                continue
            there = place(note.node)
            if there is None:
                continue
            text = note.message.replace("{line}", there.line(here))
            notes.append(Note(text, there.filename, there.cell, Position(there.row, there.column)))
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=_hazard_message(report, place, module),
                filename=filename,
                start=Position(row, col + 1),
                end=Position(end_row, end_col + 1),
                noqa_row=row,
                fix=fix,
                help=report.help,
                notes=tuple(notes),
            )
        )
    findings.sort(key=lambda f: (f.start.row, f.start.column, f.code))
    return findings


__all__ = ["InternalError", "Place", "SourceError", "analyze", "lint_module", "lint_source", "parse", "run_rules", "to_findings"]
