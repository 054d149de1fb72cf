"""`# noqa` comments, read as flake8 and ruff read them.

`# noqa` alone suppresses every finding on its row; `# noqa: SL001, SL003`
only those codes (case-insensitive `noqa`; codes separated by commas and/or
spaces; text after the codes is a free explanation). A finding is matched on
its `noqa_row`, which the rules set to the first line of a multi-line
expression. A `# noqa` that is part of a string is not a comment: comments
are found with `tokenize`, and only where the source does not tokenize does a
line scanner stand in (it knows single-line strings, not triple-quoted ones).

`# noqa:` followed by no code (`# noqa: please`) suppresses nothing, as in
ruff: in flake8 it silently suppressed everything. SL000 (the file does not
parse) cannot be suppressed, as ruff's syntax errors cannot.

>>> sorted(parse_noqa("x = 1  # noqa: sl001,SL003 shapes checked\\n")[1])
['SL001', 'SL003']
>>> parse_noqa("s = '# noqa'\\n")
{}
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Iterable, Iterator

from .findings import Finding

UNSUPPRESSIBLE = frozenset({"SL000"})

_DIRECTIVE = re.compile(
    r"#\s*noqa(?![\w-])(?P<colon>\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)?)?",
    re.IGNORECASE,
)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)
# A single-line string literal (with any prefix) or a comment, for the fallback scanner.
_STRING_OR_COMMENT = re.compile(r"""[rRbBuUfF]*(?:'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?)|(?P<comment>#.*)""")

# None: every code on the row is suppressed.
Directives = dict[int, "frozenset[str] | None"]


def _comments_by_tokenize(source: str) -> Iterator[tuple[int, str]]:
    # newline=None counts rows as the fixer does: "\r\n", "\r" and "\n" each end one.
    readline = io.StringIO(source, newline=None).readline
    for token in tokenize.generate_tokens(readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def _comments_by_scanning(source: str) -> Iterator[tuple[int, str]]:
    for row, line in enumerate(io.StringIO(source, newline=None), start=1):
        for match in _STRING_OR_COMMENT.finditer(line):
            if match.group("comment"):
                yield row, match.group("comment")
                break


def _comments(source: str) -> list[tuple[int, str]]:
    try:
        return list(_comments_by_tokenize(source))
    except (tokenize.TokenError, SyntaxError):
        return list(_comments_by_scanning(source))


def _directive(comment: str) -> frozenset[str] | None | bool:
    """The codes of the comment's directive, None for a bare `# noqa`, False for no directive."""
    match = _DIRECTIVE.search(comment)
    if match is None:
        return False
    if match.group("colon") is None:
        return None
    if match.group("codes") is None:
        return False
    return frozenset(code.upper() for code in _CODE.findall(match.group("codes")))


def parse_noqa(source: str) -> Directives:
    """row -> the codes its `# noqa` suppresses (None: all)."""
    if "noqa" not in source.lower():
        return {}
    directives: Directives = {}
    for row, comment in _comments(source):
        found = _directive(comment)
        if found is not False:
            directives[row] = found  # type: ignore[assignment]
    return directives


def is_suppressed(finding: Finding, directives: Directives) -> bool:
    if finding.code in UNSUPPRESSIBLE or finding.noqa_row not in directives:
        return False
    codes = directives[finding.noqa_row]
    return codes is None or finding.code in codes


def without_suppressed(findings: Iterable[Finding], source: str) -> list[Finding]:
    """The findings that no `# noqa` of `source` suppresses."""
    findings = list(findings)
    if not findings:
        return findings
    directives = parse_noqa(source)
    return [f for f in findings if not is_suppressed(f, directives)]
