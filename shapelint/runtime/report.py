"""From a finished run to what is reported: findings filtered as `check` filters them, and the explanation.

The recorder's findings go through the same filters as `shapelint check`'s:
the `[tool.shapelint]` configuration found for each executed file, the
command line's `--select`/`--ignore` (selection.py), and `# noqa`
(noqa.py). The finding at the site of the error that ended the run gets
the operand notes of explain.py; an error no rule has a code for gets a
plain explanation instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..config import ConfigResolver
from ..findings import Finding
from ..noqa import without_suppressed
from ..selection import Selection
from .explain import attach, plain_explanation
from .runner import RunResult


@dataclass
class Outcome:
    findings: list[Finding]
    # The finding of the shape error that ended the run, and the text shown when no rule reports it.
    failure: Finding | None = None
    explanation: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    raised: bool = False
    status: int = 0  # the program's own exit status
    rank1: str = "hazards"  # SL001's mode the findings were made in


def collect(
    result: RunResult,
    *,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
    resolver: ConfigResolver | None = None,
    failed: Sequence[int] = (),
    rank1: str | None = None,
) -> Outcome:
    """The findings of a run, filtered; `select`/`ignore` are parsed codes (selection.parse_codes).

    `failed` are more sites whose errors were recorded (failed tests), to get operand notes.
    `rank1` is SL001's mode; None: the configuration's (of the first executed file), else "hazards".
    """
    recorder = result.recorder
    resolver = resolver or ConfigResolver()
    if rank1 is None:
        first = recorder.modules[0].instrumented if recorder.modules else None
        rank1 = (resolver.for_path(Path(first.filename)).rank1 if first is not None else None) or "hazards"
    findings = recorder.findings(rank1=rank1)
    failure = None
    for gid in failed:
        findings, _ = attach(findings, recorder, gid)
    if result.located is not None:
        findings, failure = attach(findings, recorder, result.located.gid)
    kept: list[Finding] = []
    seen: set[tuple] = set()
    sources: dict[str, str] = {}
    for record in recorder.modules:
        path = Path(record.instrumented.filename)
        config = resolver.for_path(path)
        selection = Selection.resolve(config_select=config.select, config_ignore=config.ignore, select=select, ignore=ignore)
        codes = selection.enabled_codes(config.ignores_for(path))
        mine = [f for f in findings if f.filename == record.display and f.code in codes]
        for finding in without_suppressed(mine, record.source):
            key = (finding.code, finding.filename, finding.start, finding.end)
            if key not in seen:
                seen.add(key)
                kept.append(finding)
                sources[finding.filename] = record.source
    kept.sort(key=lambda f: (f.filename, f.start, f.end, f.code))
    explanation = None
    if failure is not None and failure not in kept:
        failure = None
    elif failure is None and result.located is not None and result.exception is not None:
        explanation = plain_explanation(result.exception, recorder, result.located)
    return Outcome(
        kept, failure, explanation, sources, raised=result.exception is not None, status=result.status, rank1=rank1
    )


__all__ = ["Outcome", "collect"]
