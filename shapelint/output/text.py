"""The text format: ruff's full output, for a person at a terminal.

    fixtures/rank1.py:4:5: SL001 [*] `a` is a rank-1 array of shape (5,)
      |
    4 | a = np.random.rand(5)
      |     ^^^^^^^^^^^^^^^^^
      |
      = help: make it a column: `np.random.rand(5, 1)`

then a blank line, and after the last finding one summary line. In a
notebook the location names the cell and the row and column count in it
(`course.ipynb:cell 3:2:5:`), and the snippet is the cell's. `[*]` marks a
finding that carries a fix (safe or unsafe); the summary says which option
applies it. `--quiet` keeps only the `path:row:col: CODE message` lines.
Tabs in a shown line are expanded and wide characters count two columns, so
the carets stay under the span. Control characters (an escape sequence, a
bidirectional override) in a file name, a message or a shown line are
printed escaped (`\x1b`), never sent raw to the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Mapping, Sequence, TextIO

import click

from ..findings import Finding

if TYPE_CHECKING:
    from . import OutputContext

TAB = "    "
# A span longer than this shows its first and last rows only.
MAX_ROWS = 6

Paint = Callable[..., str]


def _painter(color: bool) -> Paint:
    if color:
        return click.style
    return lambda text, **_: text


def _plural(n: int, word: str = "problem") -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def visible(text: str) -> str:
    """`text` with control and format characters (but tabs and newlines) escaped: `\x1b`, `\u202e`."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def visible_name(name: str) -> str:
    """A file name on one line: `visible`, with newlines and tabs escaped too."""
    return visible(name).replace("\n", "\\n").replace("\t", "\\t")


def _escape(char: str) -> str:
    if char in "\t\n" or char.isprintable() or unicodedata.category(char) in ("Zs", "Mn", "Mc", "Me"):
        return char
    return char.encode("unicode_escape").decode("ascii") if ord(char) < 0x10000 else f"\\U{ord(char):08x}"


def _width(text: str) -> int:
    width = 0
    for char in visible(text):
        if char == "\t":
            width += len(TAB)
        elif unicodedata.combining(char):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def header(finding: Finding, paint: Paint, *, mark_fix: bool = True) -> str:
    colour = "red" if finding.severity == "error" else "yellow"
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    location = f"{paint(visible_name(finding.filename), bold=True)}:{cell}{finding.start.row}:{finding.start.column}:"
    mark = f" {paint('[*]', fg='cyan')}" if mark_fix and finding.fix is not None else ""
    return f"{location} {paint(finding.code, fg=colour, bold=True)}{mark} {visible(finding.message)}"


def source_of(finding: Finding, sources: Mapping[str, str | Mapping[int | None, str]]) -> str | None:
    """The text the finding's rows count in: its file's, or its notebook cell's."""
    source = sources.get(finding.filename)
    if source is None or isinstance(source, str):
        return source if finding.cell is None else None
    return source.get(finding.cell)


def _rows(finding: Finding, lines: list[str]) -> list[int | None]:
    first = finding.start.row
    last = min(max(finding.end.row, first), len(lines))
    # A span ending at column 1 of a later row covers nothing of that row.
    if last > first and finding.end.row == last and finding.end.column == 1:
        last -= 1
    rows: list[int | None] = list(range(first, last + 1))
    if len(rows) > MAX_ROWS:
        rows = rows[:3] + [None] + rows[-2:]
    return rows


@lru_cache(maxsize=4)
def _lines(source: str) -> list[str]:
    # Split once per file, not once per finding: the output stays linear in the findings.
    return re.split(r"\r\n|\r|\n", source)


def _snippet(finding: Finding, source: str, paint: Paint) -> tuple[list[str], int]:
    """The source rows of the finding with carets under the span, and the gutter width."""
    lines = _lines(source)
    if not 1 <= finding.start.row <= len(lines):
        return [], 1
    rows = _rows(finding, lines)
    width = len(str(max(r for r in rows if r is not None)))
    colour = "red" if finding.severity == "error" else "yellow"
    bar = paint(" " * width + " |", fg="blue", bold=True)
    out = [bar]
    for row in rows:
        if row is None:
            out.append(paint("." * width + " |", fg="blue", bold=True))
            continue
        line = lines[row - 1]
        indent = len(line) - len(line.lstrip())
        start = finding.start.column - 1 if row == finding.start.row else indent
        end = finding.end.column - 1 if row == finding.end.row else len(line)
        start = min(start, len(line))
        end = max(start, min(end, len(line)))
        number = paint(f"{row:>{width}} |", fg="blue", bold=True)
        out.append(f"{number} {visible(line).replace(chr(9), TAB)}".rstrip())
        carets = "^" * max(1, _width(line[start:end]))
        out.append(f"{bar} {' ' * _width(line[:start])}{paint(carets, fg=colour, bold=True)}")
    out.append(bar)
    return out, width


def render(finding: Finding, source: str | None, paint: Paint) -> str:
    """One finding as a block of lines (ending with a newline)."""
    out = [header(finding, paint)]
    snippet, width = _snippet(finding, source, paint) if source is not None else ([], 1)
    out += snippet
    indent = " " * (width + 1)
    helps = finding.help or (finding.fix.message if finding.fix is not None else None)
    labelled = [("note", note.message) for note in finding.notes] + ([("help", helps)] if helps else [])
    for label, text in labelled:
        body = visible(text).replace("\n", "\n" + indent + " " * (len(label) + 4))
        out.append(f"{indent}= {paint(label, bold=True)}: {body}")
    return "\n".join(out) + "\n"


def summary(findings: Sequence[Finding], fixed: int = 0, errors: int = 0) -> str:
    """The closing line: how many problems, and which option fixes how many of them.

    `errors` counts the files (and PATHs) that could not be checked: then nothing "passed".
    """
    remaining = len(findings)
    if fixed:
        return f"Found {_plural(fixed + remaining)} ({fixed} fixed, {remaining} remaining)."
    if not remaining and errors:
        return f"No problems found, but {_plural(errors, 'error')} (above) kept files from being checked."
    if not remaining:
        return "All checks passed!"
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability != "safe")
    if safe and unsafe:
        hint = f" ({safe} fixable with `--fix`, {safe + unsafe} with `--fix --unsafe-fixes`)"
    elif safe:
        hint = f" ({safe} fixable with `--fix`)"
    elif unsafe:
        hint = f" ({unsafe} fixable with `--fix --unsafe-fixes`)"
    else:
        hint = ""
    return f"Found {_plural(remaining)}{hint}."


def emit(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    paint = _painter(context.color)
    if context.quiet:
        for finding in findings:
            stream.write(header(finding, paint, mark_fix=False) + "\n")
        return
    for finding in findings:
        stream.write(render(finding, source_of(finding, context.sources), paint) + "\n")
    closing = summary(findings, context.fixed, context.errors)
    stream.write((paint(closing, bold=True) if findings else closing) + "\n")


def statistics_rows(findings: Sequence[Finding]) -> list[tuple[str, str, int, bool]]:
    """(code, name, count, fixable) per code, most frequent first; shared by the formats with statistics."""
    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    fixable = {f.code for f in findings if f.fix is not None}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(code, names[code], count, code in fixable) for code, count in ordered]


def emit_statistics(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    """ruff's `--statistics`: one row per code: `  3  SL001  [*] rank-1-array`."""
    rows = statistics_rows(findings)
    width = max((len(str(count)) for _, _, count, _ in rows), default=1)
    for code, name, count, fixable in rows:
        stream.write(f"  {count:>{width}}  {code}  {'[*]' if fixable else '   '} {name}\n")
