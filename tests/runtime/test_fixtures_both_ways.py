"""Every fixture both ways: each static shape the engine claims is the shape the run observed.

The second half of "verified against real numpy" (the first is the
registry's property tests): every file in fixtures/ runs under the checker,
and every assignment whose static shape is concrete is compared with the
values the run bound to that target. Any disagreement is an engine bug.
The fixtures folder grows; this reads whatever is there. A fixture that
raises (several plant bugs at module level) is compared up to where it
stopped.
"""

from __future__ import annotations

import io
import signal
import sys
from pathlib import Path

import pytest

from shapelint.runtime.compare import compare
from shapelint.runtime.report import collect
from shapelint.runtime.runner import run

from ._helpers import ROOT

FIXTURES = sorted((ROOT / "fixtures").glob("*.py"))
SECONDS = 30


class _TooLong(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - only for a fixture that hangs
    raise _TooLong(f"still running after {SECONDS} s")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_static_and_observed_shapes_agree(path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    if hasattr(signal, "SIGALRM"):
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS)
    try:
        result = run(str(path.relative_to(ROOT)), [], isolate=True, stderr=io.StringIO())
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    outcome = collect(result)
    comparison = compare(result.recorder, outcome.findings)
    report = "\n".join(d.describe() for d in comparison.disagreements)
    assert not comparison.disagreements, f"static and observed shapes disagree:\n{report}"
    assert not result.recorder.internal_errors


def test_the_fixtures_are_compared_at_all(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    compared = 0
    for path in FIXTURES:
        if path.name == "rank1.py":
            result = run(str(path.relative_to(ROOT)), [], isolate=True, stderr=io.StringIO())
            comparison = compare(result.recorder, collect(result).findings)
            compared += comparison.compared
            assert {s.status for s in comparison.statuses} == {"confirmed"}
    assert compared >= 5 or not any(p.name == "rank1.py" for p in FIXTURES)
    assert "shapelint.runtime" in sys.modules


@pytest.mark.parametrize("rank1", ["hazards", "all"])
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_run_agrees_with_check_in_both_modes(path: Path, rank1: str, monkeypatch) -> None:
    """Every static finding on a row that ran is confirmed by the run; the run adds only the error it died of."""
    monkeypatch.chdir(ROOT)
    result = run(str(path.relative_to(ROOT)), [], isolate=True, stderr=io.StringIO())
    outcome = collect(result, rank1=rank1)
    comparison = compare(result.recorder, outcome.findings, rank1=rank1)
    unconfirmed = [(s.finding.start.row, s.finding.code) for s in comparison.statuses if s.status == "not confirmed"]
    assert unconfirmed == []
    extra = [f for f in comparison.runtime_only if f is not outcome.failure]
    assert extra == [], [(f.start.row, f.code) for f in extra]
