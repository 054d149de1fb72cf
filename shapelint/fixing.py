"""Apply fixes to a text, re-lint, repeat; and show the result as a unified diff.

Positions are 1-based (row, column) with columns counting characters and
ends exclusive; rows end at "\\r\\n", "\\r" or "\\n", as
Python's own tokenizer counts them. Everything outside the edits stays byte
for byte, line endings included.

Fixes are applied in source order; a fix whose edits overlap or touch one
already applied this round is left for the next round, where it is
recomputed on the new text (ruff does the same). A fix identical to an
applied one (two findings, one edit) counts as applied. After at most
`MAX_ROUNDS` rounds the loop stops even if fixes remain; a round whose fixes
turn a parsing file into one that does not parse (a bug in a rule's fix) is
undone and ends the loop.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from .errors import InternalError, SourceError
from .findings import Finding, Fix, Position

MAX_ROUNDS = 10
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def is_applicable(fix: Fix | None, *, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"))


class _Lines:
    """Converts (row, column) positions of one text to offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # Where each row's content ends, before its line break.
        self.ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]

    def offset(self, position: Position) -> int:
        """The offset of `position`; ValueError where the text has no such position."""
        row, column = position.row, position.column
        if not (1 <= row <= len(self.starts)) or column < 1:
            raise ValueError(f"no position {row}:{column}")
        offset = self.starts[row - 1] + column - 1
        if offset > self.ends[row - 1]:
            raise ValueError(f"column {column} is past the end of row {row}")
        return offset


def _spans(lines: _Lines, fix: Fix) -> list[tuple[int, int, str]] | None:
    """The fix's edits as sorted (start, end, content) offsets; None if any is invalid or they overlap."""
    try:
        spans = sorted((lines.offset(e.start), lines.offset(e.end), e.content) for e in fix.edits)
    except ValueError:
        return None
    if not spans or any(start > end for start, end, _ in spans):
        return None
    if any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
        return None
    return spans


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[bool]]:
    """`text` with every fix applied that does not collide with an earlier one; and which were applied."""
    lines = _Lines(text)
    candidates = []
    for index, fix in enumerate(fixes):
        spans = _spans(lines, fix)
        if spans is not None:
            candidates.append((spans[0][0], index, spans))
    candidates.sort(key=lambda c: (c[0], c[1]))
    applied = [False] * len(fixes)
    taken: list[tuple[int, int]] = []
    accepted: list[tuple[int, int, str]] = []
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    for _, index, spans in candidates:
        key = tuple(spans)
        if key in seen:
            applied[index] = True
            continue
        # Touching counts as colliding: two insertions at one point have no defined order.
        if any(start <= t_end and t_start <= end for start, end, _ in spans for t_start, t_end in taken):
            continue
        seen.add(key)
        applied[index] = True
        taken.extend((start, end) for start, end, _ in spans)
        accepted.extend(spans)
    pieces, last = [], 0
    for start, end, content in sorted(accepted):
        pieces += [text[last:start], content]
        last = end
    pieces.append(text[last:])
    return "".join(pieces), applied


# Each fix is checked by linting the file again with it alone; past this many
# checks, or this many lines linted again in all, the rest are held back, so
# that a file's cost stays a small multiple of one lint however many
# findings it has.
MAX_SINGLE_CHECKS = 24
MAX_CHECKED_LINES = 20_000


def _introduces(before: Sequence[Finding], after: Sequence[Finding], removed: Sequence[Finding]) -> bool:
    """Whether `after` has a finding of some code more often than `before` less the ones fixed."""
    counts = Counter(f.code for f in before)
    for finding in removed:
        if counts[finding.code] > 0:
            counts[finding.code] -= 1
    counts.subtract(f.code for f in after)
    return any(n < 0 for n in counts.values())


def verified_fixes(
    text: str,
    findings: list[Finding],
    lint: Callable[[str], list[Finding]],
    apply: "Applier | None" = None,
    before: list[Finding] | None = None,
) -> list[Finding]:
    """The findings, each keeping its fix only where the text with that fix alone has no new finding.

    A fix held back leaves the finding without one, in every output format,
    so `fix` is null exactly where applying it would make another problem.
    `apply` puts fixes into the text (a notebook's go into their cells);
    `before` is what `lint` says of `text` when `findings` came from elsewhere
    (a run's findings are checked against the static ones).
    """
    if before is None:
        before = findings
    held: set[int] = set()
    checks = min(MAX_SINGLE_CHECKS, MAX_CHECKED_LINES // max(1, text.count("\n")))
    for number, finding in enumerate(f for f in findings if f.fix is not None):
        if number >= checks:
            held.add(id(finding))
            continue
        alone, done = (apply or apply_finding_fixes)(text, [finding])
        try:
            after = lint(alone) if all(done) else None
        except (SourceError, InternalError):  # the fixed text cannot be checked: no fix beats an unchecked one
            after = None
        if after is None or _breaks_parse(before, after) or _introduces(before, after, [finding]):
            held.add(id(finding))
    return [replace(f, fix=None) if id(f) in held else f for f in findings]


@dataclass
class FixOutcome:
    """The fixed text, the findings left in it, and how many findings the fixes removed."""

    text: str
    findings: list[Finding]
    fixed: int = 0
    # Set when a round was undone because its fixes broke the parse.
    reverted: str | None = None


@lru_cache(maxsize=None)
def origin_codes() -> frozenset[str]:
    """The codes whose fixes go first, alone (the rules' `fix_first`).

    Fixes that make an array a column change every shape computed from it, and
    often resolve later findings (a `.T` that now transposes); the rest is
    recomputed on the new text. Read when fixing, not at import: the rules
    load libcst, which checking files that cannot reach numpy never needs.
    """
    from .rules import RULES

    return frozenset(rule.code for rule in RULES if rule.fix_first)


# Applies the fixes of some findings to a text: the new text, and which were applied.
Applier = Callable[[str, Sequence[Finding]], "tuple[str, list[bool]]"]


def apply_finding_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, list[bool]]:
    return apply_fixes(text, [f.fix for f in findings])  # type: ignore[misc]


def fix_until_stable(
    text: str,
    findings: list[Finding],
    lint: Callable[[str], list[Finding]],
    *,
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
    apply: Applier = apply_finding_fixes,
    judge: Callable[[str], list[Finding]] | None = None,
) -> FixOutcome:
    """Apply the applicable fixes of `findings` to `text`, re-linting with `lint` after each round.

    `apply` puts fixes into the text: plain edits for a module, edits inside
    each cell's source for a notebook.

    `lint(text)` returns the findings to act on (already filtered by
    selection and noqa); `findings` are its result for `text`. A fix that
    would add an error (a shape fix whose new shape breaks a later line, as
    far as the analysis sees) is not applied, so fixed code still runs.
    `judge(text)`, if given, is every finding before selection and noqa: the
    errors a fix must not add are counted there, so an error that a `# noqa`
    on a later line hides still stops the fix that causes it.
    """
    outcome = FixOutcome(text, findings)
    rejected: set[tuple[str, int, tuple[str, ...]]] = set()
    for _ in range(max_rounds):
        fixable = [
            f for f in outcome.findings if is_applicable(f.fix, unsafe=unsafe) and _key(f) not in rejected
        ]
        if not fixable:
            break
        origins = [f for f in fixable if f.code in origin_codes()]
        group = origins or fixable
        step = _apply_checked(outcome, group, lint, apply, judge)
        if step is None:
            # Together they add an error: try them one by one, keeping the harmless ones.
            progressed = False
            for finding in group:
                single = _apply_checked(outcome, [finding], lint, apply, judge)
                if single is None or isinstance(single, str):
                    rejected.add(_key(finding))
                elif single.text != outcome.text:
                    outcome = single
                    progressed = True
                    # A fix refused on the old text may fit the new one: a second --fix must change nothing.
                    rejected.clear()
                    break
            if not progressed and all(_key(f) in rejected for f in group):
                continue
            if not progressed:
                break
            continue
        if isinstance(step, str):
            outcome.reverted = step
            break
        if step.text == outcome.text:
            break
        outcome = step
        rejected.clear()
    # A fix can resolve other findings too (a column makes its `.T` meaningful): they count as fixed.
    outcome.fixed = max(outcome.fixed, len(findings) - len(outcome.findings))
    return outcome


def _key(finding: Finding) -> tuple[str, int, tuple[str, ...]]:
    edits = finding.fix.edits if finding.fix else ()
    return finding.code, finding.start.row, tuple(e.content for e in edits)


def _errors(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity == "error")


def _apply_checked(
    outcome: FixOutcome,
    group: list[Finding],
    lint: Callable[[str], list[Finding]],
    apply: Applier,
    judge: Callable[[str], list[Finding]] | None = None,
) -> FixOutcome | str | None:
    """The outcome of applying `group`; a message if it breaks the parse; None if it adds an error."""
    new_text, applied = apply(outcome.text, group)
    if new_text == outcome.text:
        return outcome
    new_findings = lint(new_text)
    if _breaks_parse(outcome.findings, new_findings):
        codes = sorted({f.code for f, done in zip(group, applied) if done})
        return f"a fix for {', '.join(codes)} made the file unparsable; it was not applied"
    if _errors(new_findings) > _errors(outcome.findings):
        return None
    if judge is not None and _errors(judge(new_text)) > _errors(judge(outcome.text)):
        return None
    return FixOutcome(new_text, new_findings, outcome.fixed + sum(applied))


def _breaks_parse(before: Iterable[Finding], after: Iterable[Finding]) -> bool:
    """A file (or notebook cell) that parsed before no longer does."""
    broken = {f.cell for f in after if f.code == "SL000"}
    return bool(broken - {f.cell for f in before if f.code == "SL000"})


def _split_lines(text: str) -> list[str]:
    # str.splitlines would also split at \f, \v, \x1c and \u2028, which are not line breaks in Python.
    return [m.group() for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)]


def unified_diff(before: str, after: str, filename: str) -> str:
    """A unified diff of `before` -> `after` with `--- a/FILENAME` / `+++ b/FILENAME` headers ("" if equal)."""
    name = filename.replace("\\", "/").lstrip("/")
    out: list[str] = []
    for line in difflib.unified_diff(_split_lines(before), _split_lines(after), f"a/{name}", f"b/{name}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)

