"""IPython's additions to Python in a code cell, turned into plain Python with the same rows.

IPython rewrites a cell before Python sees it; shapelint does the same with
replacements that keep every row where it was (so positions need no
mapping inside a cell) and that bind what IPython would bind:

- a line magic, shell escape or help line (`%matplotlib inline`, `!pip
  install numpy`, `x?`, `?x`, `/f x`) becomes `pass` at its indentation,
  and its `\\`-continued rows become empty;
- `files = !ls` and `out = %sx ls` become `files = get_ipython()`: the name
  is bound, to something unknown;
- `%time stmt` and `%prun stmt` run `stmt` in the notebook's namespace, so
  the names it binds become unknown (`x = get_ipython()`) rather than keep
  their old shapes;
- a cell magic (`%%timeit` on the first row) makes the cell opaque: it is
  not analyzed. Most leave the notebook's names alone (`%%timeit` times its
  body in a namespace of its own, `%%bash` and `%%writefile` run no Python
  here); for a cell magic not known to, the names its body would bind, if it
  reads as Python, become unknown. `%%time`, `%%capture` and `%%prun` run
  their body as ordinary code, so that body is analyzed.

Only rows that start a logical line are looked at: `/ b` or `% 2` continuing
an open bracket stays Python. The row scanner knows brackets, strings
(triple-quoted ones across rows), comments and backslash continuations, not
the nesting of quotes inside f-strings that Python 3.12 allows.

Not handled: `%run` and `%load` (the names they bind are not known, so those
names keep the shapes they had), and IPython's automagic (`matplotlib
inline` without the `%`), which is a syntax error here as in plain Python.

>>> transform("%matplotlib inline\\nx = 1\\n!pip install numpy\\n").text
'pass\\nx = 1\\npass\\n'
>>> transform("%%timeit\\ny = f(x)\\n").opaque
True
>>> transform("%%my_magic\\ny = f(x)\\n").opaque_names
('y',)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import libcst as cst

from .. import guard
from ..engine.scopes import bound_names
from ._format import split_lines

# Cell magics whose body runs as ordinary code in the notebook's namespace.
_PYTHON_CELL_MAGICS = frozenset({"time", "capture", "prun"})
# Cell magics known to bind no name of the notebook: timed in their own namespace, another language, a file.
_NAMESPACE_FREE_CELL_MAGICS = frozenset({
    "timeit", "writefile", "file", "bash", "sh", "script", "system", "sx", "html", "HTML", "javascript", "js",
    "latex", "markdown", "svg", "perl", "ruby", "python", "python2", "python3", "pypy",
})
# Line magics whose argument is a statement run in the notebook's namespace.
_STATEMENT_LINE_MAGICS = frozenset({"time", "prun"})
_ESCAPES = ("!", "%", "?", "/", ",", ";")
# `a, b = !ls` / `x = %sx ls` (IPython's SystemAssign / MagicAssign).
_ASSIGN_ESCAPE = re.compile(r"(?P<lhs>[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)[ \t]*=[ \t]*[!%]")
_MAGIC = re.compile(r"%+(?P<name>\w+)(?P<args>.*)", re.DOTALL)
PLACEHOLDER = "get_ipython()"


@dataclass(frozen=True)
class Transformed:
    """A cell as Python: `text` has the cell's rows; an opaque cell has no text, only names it may bind."""

    text: str
    opaque: bool = False
    opaque_names: tuple[str, ...] = ()


@dataclass
class _Scan:
    """Where the scanner is at the end of a row: inside a string (its quote), how many brackets open."""

    quote: str | None = None
    depth: int = 0
    continued: bool = False

    @property
    def clean(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued


def _scan_row(row: str, state: _Scan) -> int | None:
    """Advance `state` over one row; return where its comment starts (None: no comment)."""
    body = row.rstrip("\r\n")
    i, n = 0, len(body)
    comment = None
    while i < n:
        quote = state.quote
        if quote is not None:
            if body[i] == "\\":
                i += 2
                continue
            if body.startswith(quote, i):
                state.quote = None
                i += len(quote)
                continue
            i += 1
            continue
        c = body[i]
        if c == "#":
            comment = i
            break
        if c in "([{":
            state.depth += 1
        elif c in ")]}":
            state.depth = max(0, state.depth - 1)
        elif c in "\"'":
            state.quote = c * 3 if body.startswith(c * 3, i) else c
            i += len(state.quote)
            continue
        i += 1
    ends_with_backslash = comment is None and body.endswith("\\") and not body.endswith("\\\\")
    if state.quote is not None and len(state.quote) == 1 and not ends_with_backslash:
        state.quote = None  # an unterminated one-line string ends at the row's end (a syntax error)
    state.continued = ends_with_backslash and state.quote is None
    return comment


def _is_escape_row(code: str) -> bool:
    stripped = code.strip()
    return (
        stripped.startswith(_ESCAPES)
        or (stripped.endswith("?") and not stripped.startswith("#"))
        or _ASSIGN_ESCAPE.match(stripped) is not None
    )


def _names_bound_by(source: str) -> tuple[str, ...]:
    try:
        module = guard.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError, SyntaxError, guard.Refused):
        return ()
    counts: Counter[str] = Counter()
    bound_names(module.body, counts)
    return tuple(sorted(counts))


def _unknown(indent: str, names: tuple[str, ...]) -> str:
    return f"{indent}{' = '.join(names)} = {PLACEHOLDER}" if names else f"{indent}pass"


def _replacement(row: str) -> str:
    """The Python that stands for one IPython row (without its line break)."""
    body = row.rstrip("\r\n")
    indent = body[: len(body) - len(body.lstrip())]
    code = body.strip()
    assign = _ASSIGN_ESCAPE.match(code)
    if assign is not None:
        return f"{indent}{assign.group('lhs')} = {PLACEHOLDER}"
    magic = _MAGIC.match(code)
    if magic is not None and not code.startswith("%%") and magic.group("name") in _STATEMENT_LINE_MAGICS:
        return _unknown(indent, _names_bound_by(magic.group("args").strip().rstrip("\\") + "\n"))
    return f"{indent}pass"


def _break(row: str) -> str:
    return row[len(row.rstrip("\r\n")) :]


def _cell_magic(rows: list[str]) -> tuple[int, re.Match[str]] | None:
    for index, row in enumerate(rows):
        if row.strip():
            match = _MAGIC.match(row.strip()) if row.startswith("%%") else None
            return (index, match) if match is not None else None
    return None


def transform(source: str) -> Transformed:
    """The cell as Python with the same rows, or an opaque cell."""
    rows = split_lines(source)
    found = _cell_magic(rows)
    if found is not None:
        index, match = found
        body = "".join(rows[index + 1 :])
        name = match.group("name")
        if name in _NAMESPACE_FREE_CELL_MAGICS:
            return Transformed("", opaque=True)
        if name not in _PYTHON_CELL_MAGICS:
            return Transformed("", opaque=True, opaque_names=_names_bound_by(body))
        # `%%capture out` binds `out`; the body runs as it is.
        args = [a for a in match.group("args").split() if not a.startswith("-")]
        names = tuple(args[-1:]) if match.group("name") == "capture" and args and args[-1].isidentifier() else ()
        head = rows[: index + 1]
        head[index] = _unknown("", names) + _break(head[index])
        rows = head + rows[index + 1 :]
        return Transformed("".join(head) + _transform_rows(rows[index + 1 :]))
    return Transformed(_transform_rows(rows))


def _transform_rows(rows: list[str]) -> str:
    out: list[str] = []
    state = _Scan()
    escaped = False  # inside the backslash-continued rows of an escape row
    for row in rows:
        if escaped:
            out.append(_break(row))
            escaped = row.rstrip("\r\n").endswith("\\")
            continue
        if state.clean:
            probe = _Scan()
            comment = _scan_row(row, probe)
            code = row.rstrip("\r\n") if comment is None else row[:comment]
            if _is_escape_row(code):
                out.append(_replacement(row) + _break(row))
                escaped = row.rstrip("\r\n").endswith("\\")
                continue
        _scan_row(row, state)
        out.append(row)
    return "".join(out)


__all__ = ["PLACEHOLDER", "Transformed", "transform"]
