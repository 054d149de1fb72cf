"""The Python API: lint and infer shapes without the CLI.

>>> [f.code for f in lint_source("import numpy as np\\na = np.random.rand(5)\\nb = a.T\\n", "x.py")]
['SL001', 'SL002']
>>> [f.code for f in lint_source("import numpy as np\\na = np.random.rand(5)\\n", "x.py", rank1="all")]
['SL001']
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import libcst as cst

from .engine.facts import Analysis
from .engine.imports import parse_cached, project_importer
from .engine.stack import deep_stack
from .engine.positions import positions
from .engine.walker import Importer, analyze_module
from .findings import Edit, Finding, Fix, Note, Position
from .fixing import verified_fixes
from .rules import RULES, Report, Rule
from .rules._text import MAX_SNIPPET
from .sourcefile import SourceError


@dataclass
class Parsed:
    module: cst.Module | None
    error: Finding | None


_BRACKETS = re.compile(r"[()\[\]{}]")
# CPython refuses more than 200 nested brackets; libcst's native parser does
# not refuse them and overflows the C stack a few thousand levels down.
_SUSPICIOUS_DEPTH = 100


def _bracket_depth(source: str) -> int:
    depth = deepest = 0
    for match in _BRACKETS.finditer(source):
        if match.group() in "([{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def _python_rejects(source: str, filename: str) -> Finding | None:
    """Python's own verdict on the file: an SL000 at the row and column its parser reports, with its message."""
    try:
        with warnings.catch_warnings():
            # `"\d"` and the like warn while compiling; the file's own run will say so, not the linter.
            warnings.simplefilter("ignore")
            compile(source, filename, "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as error:
        row = error.lineno or 1
        return _syntax_finding(filename, row, (error.offset or 1), error.msg)
    except (RecursionError, MemoryError):
        raise SourceError("too deeply nested to parse") from None
    return None


def parse(source: str, filename: str) -> Parsed:
    """Parse one module; a syntax error becomes an SL000 finding."""
    if "\x00" in source:
        raise SourceError("file contains NUL bytes (binary file?)")
    if "\r" in source and source.count("\n") != source.count("\r\n"):
        # Mixed line endings are valid Python but libcst refuses them. One
        # kind of break keeps every row and column, so findings and fixes
        # still land right in the original text.
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if _bracket_depth(source) > _SUSPICIOUS_DEPTH:
        rejected = _python_rejects(source, filename)
        if rejected is not None:
            return Parsed(None, rejected)
    try:
        with deep_stack():
            return Parsed(parse_cached(filename, source), None)
    except cst.ParserSyntaxError as error:
        # Python's own parser says where and what, in words users know; libcst's
        # message is a token dump, one row late at the end of a statement.
        python = _python_rejects(source, filename)
        if python is not None:
            return Parsed(None, python)
        message = str(error.message).strip().splitlines()[0] if error.message else "invalid syntax"
        row, column = max(1, error.raw_line), error.raw_column + 1
        return Parsed(None, _syntax_finding(filename, row, column, message))


def _syntax_finding(filename: str, row: int, column: int, message: str) -> Finding:
    return Finding(
        code="SL000",
        name="syntax-error",
        severity="error",
        message=f"SyntaxError: {message}",
        filename=filename,
        start=Position(row, column),
        end=Position(row, column),
        noqa_row=row,
    )


def analyze(module: cst.Module, importer: Importer | None = None) -> Analysis:
    """Run inference; `importer` resolves `from x import y` of non-numpy modules (else unknown)."""
    with deep_stack():
        return analyze_module(module, importer)


def lint_source(
    source: str,
    filename: str,
    rules: Iterable[type[Rule]] | None = None,
    rank1: str = "hazards",
    *,
    verify_fixes: bool = True,
) -> list[Finding]:
    """All findings for one module's source text (before noqa and select/ignore).

    A fix is kept only where the fixed text has no new finding
    (`fixing.verified_fixes`).
    """
    rules = list(rules) if rules is not None else None
    with deep_stack():
        parsed = parse(source, filename)
        if parsed.error is not None:
            return [parsed.error]
        assert parsed.module is not None
        findings = lint_module(parsed.module, filename, rules, project_importer(filename), rank1=rank1)
    if verify_fixes:
        findings = verified_fixes(
            source, findings, lambda text: lint_source(text, filename, rules, rank1, verify_fixes=False)
        )
    return findings


def lint_module(
    module: cst.Module,
    filename: str,
    rules: Iterable[type[Rule]] | None = None,
    importer: Importer | None = None,
    rank1: str = "hazards",
) -> list[Finding]:
    with deep_stack():
        analysis = analyze(module, importer)
        reports = run_rules(analysis, rules, rank1)
        return to_findings(module, filename, reports)


# What SL001 says of an origin that causes nothing (yet); in its place, what it causes.
NEITHER = "neither a row nor a column"


def run_rules(
    analysis: Analysis, rules: Iterable[type[Rule]] | None = None, rank1: str = "hazards"
) -> list[tuple[type[Rule], Report]]:
    """Run every rule over the analysis; one report per rule and node, the most specific rule winning.

    In the default `hazards` mode an SL001 origin is kept only where the
    array, or a value computed from it, takes part in another finding
    (`Report.hazards` holds those findings); `all` keeps every origin.
    """
    found: dict[tuple[str, Any], tuple[type[Rule], Report]] = {}
    superseded: set[tuple[str, Any]] = set()
    for rule in rules if rules is not None else RULES:
        if rule.always_on:
            continue  # the parser reports it
        for report in rule().check(analysis):
            key = (rule.code, report.node)
            if key not in found:
                found[key] = (rule, report)
            superseded.update(report.supersedes)
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


def _line_text(locate: Locate, here: int, there: int) -> tuple[str, int | None, int] | None:
    """How a note or message names row `there` seen from row `here`: `7`, or `7 of cell 2` in another cell."""
    target = locate(there)
    if target is None:
        return None
    origin = locate(here)
    cell, row = target
    if cell is not None and (origin is None or origin[0] != cell):
        return f"{row} of cell {cell}", cell, row
    return str(row), cell, row


def _hazard_message(report: Report, where: dict[cst.CSTNode, Any], module: cst.Module, locate: Locate) -> str:
    """SL001's message, naming the first later finding that makes the origin matter."""
    placed = sorted((where[h.node], index) for index, h in enumerate(report.hazards) if h.node in where and h.consequence)
    if not placed:
        return report.message
    hazard = report.hazards[placed[0][1]]
    span, own = where.get(hazard.node), where.get(report.node)
    line = _line_text(locate, own[0][0], span[0][0]) if span is not None and own is not None else None
    if line is None:
        return report.message
    text = " ".join(module.code_for_node(hazard.node).split())
    if len(text) > MAX_SNIPPET:
        text = text[: MAX_SNIPPET - 3] + "..."
    return report.message.replace(NEITHER, f"`{text}` at line {line[0]} {hazard.consequence}", 1)


def to_findings(
    module: cst.Module, filename: str, reports: list[tuple[type[Rule], Report]], locate: Locate = _locate_plain
) -> list[Finding]:
    """The reports as findings at rows and columns of `module` (a notebook's `locate` maps them to cells)."""
    wanted: set[cst.CSTNode] = set()
    for _, report in reports:
        wanted.add(report.node)
        wanted.update(node for node, _ in report.replacements)
        wanted.update(note.node for note in report.notes if note.node is not None)
        wanted.update(h.node for h in report.hazards)
    where = positions(module, wanted)
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
        notes = []
        for note in report.notes:
            if note.node is None:
                notes.append(Note(note.message))
                continue
            note_span = where.get(note.node)
            line = _line_text(locate, row, note_span[0][0]) if note_span is not None else None
            if note_span is None or line is None:
                continue
            text, cell, note_row = line
            location = Position(note_row, note_span[0][1] + 1)
            notes.append(Note(note.message.replace("{line}", text), filename, cell, location))
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=_hazard_message(report, where, module, locate),
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


__all__ = ["SourceError", "analyze", "lint_module", "lint_source", "parse", "run_rules", "to_findings"]
