"""Random straight-line numpy programs: the runtime confirms every static finding on a row that ran.

The programs of tests/random_programs.py run to the end with real numpy and
their shapes are concrete, so the static and runtime paths see the same
values on every executed row: a static finding there that the run does not
report (or a static shape the run contradicts) is a bug on one side. Rows
in branches the run did not take are not compared.
"""

from __future__ import annotations

import io
import random

import pytest

from shapelint.runtime.compare import compare
from shapelint.runtime.report import collect
from shapelint.runtime.runner import run

random_programs = pytest.importorskip("tests.random_programs")


@pytest.mark.parametrize("seed", range(25))
def test_static_findings_are_confirmed_where_the_program_ran(seed: int, tmp_path, monkeypatch) -> None:
    program = random_programs.generate(random.Random(seed), statements=25)
    (tmp_path / "program.py").write_text(program.source)
    monkeypatch.chdir(tmp_path)
    result = run("program.py", [], isolate=True, stderr=io.StringIO())
    assert result.exception is None and not result.recorder.internal_errors
    # Every origin: in the default mode an origin's hazard may lie in a branch the run did not take.
    comparison = compare(result.recorder, collect(result, rank1="all").findings, rank1="all")
    unconfirmed = [(s.finding.code, s.finding.start.row) for s in comparison.statuses
                   if s.status == "not confirmed" and s.finding.code != "SL010"]
    assert not unconfirmed, program.source
    assert not comparison.disagreements, "\n".join(d.describe() for d in comparison.disagreements)
