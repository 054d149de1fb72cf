"""The Python API: lint and infer shapes without the CLI.

>>> [f.code for f in lint_source("import numpy as np\\na = np.random.rand(5)\\n", "x.py")]
['SL001']
"""

from __future__ import annotations

import ast
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import libcst as cst

from .engine.facts import Analysis
from .engine.imports import parse_cached, project_importer
from .engine.positions import positions
from .engine.walker import Importer, analyze_module
from .findings import Edit, Finding, Fix, Position
from .rules import RULES, Report, Rule


class SourceError(Exception):
    """The file cannot be analyzed for a reason the user can act on (not a shapelint bug)."""


@dataclass
class Parsed:
    module: cst.Module | None
    error: Finding | None


# libcst's parser recurses per nesting level; deeply nested but valid code
# needs more than Python's default limit.
_RECURSION_LIMIT = 20000


@contextmanager
def deep_stack() -> Iterator[None]:
    """Room for deeply nested (but valid) code; running out of it is the file's problem, not a crash."""
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
        yield
    except RecursionError:
        raise SourceError("too deeply nested to analyze") from None
    finally:
        sys.setrecursionlimit(limit)


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
    """Python's own verdict on a suspiciously nested file (brackets inside strings count too)."""
    try:
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


def lint_source(source: str, filename: str, rules: Iterable[type[Rule]] | None = None) -> list[Finding]:
    """All findings for one module's source text (before noqa and select/ignore)."""
    with deep_stack():
        parsed = parse(source, filename)
        if parsed.error is not None:
            return [parsed.error]
        assert parsed.module is not None
        return lint_module(parsed.module, filename, rules, project_importer(filename))


def lint_module(
    module: cst.Module,
    filename: str,
    rules: Iterable[type[Rule]] | None = None,
    importer: Importer | None = None,
) -> list[Finding]:
    with deep_stack():
        analysis = analyze(module, importer)
        reports = run_rules(analysis, rules)
        return to_findings(module, filename, reports)


def run_rules(analysis: Analysis, rules: Iterable[type[Rule]] | None = None) -> list[tuple[type[Rule], Report]]:
    """Run every rule over the analysis; one report per rule and node, the most specific rule winning."""
    found: dict[tuple[str, Any], tuple[type[Rule], Report]] = {}
    superseded: set[tuple[str, Any]] = set()
    for rule in rules if rules is not None else RULES:
        if rule.code == "SL000":
            continue
        for report in rule().check(analysis):
            key = (rule.code, report.node)
            if key not in found:
                found[key] = (rule, report)
            superseded.update(report.supersedes)
    return [entry for key, entry in found.items() if key not in superseded]


def to_findings(module: cst.Module, filename: str, reports: list[tuple[type[Rule], Report]]) -> list[Finding]:
    wanted: set[cst.CSTNode] = set()
    for _, report in reports:
        wanted.add(report.node)
        wanted.update(node for node, _ in report.replacements)
        wanted.update(note[1] for note in report.notes if isinstance(note, tuple))
    where = positions(module, wanted)
    findings = []
    for rule, report in reports:
        span = where.get(report.node)
        if span is None:
            continue
        (row, col), (end_row, end_col) = span
        fix = None
        if report.replacements:
            edits = []
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
            if isinstance(note, tuple):
                text, node = note
                note_span = where.get(node)
                if note_span is None:
                    continue
                notes.append(text.format(line=note_span[0][0]))
            else:
                notes.append(note)
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=report.message,
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
