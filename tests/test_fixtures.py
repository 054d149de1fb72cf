"""The fixture files carry their expected findings inline (`# expect: SL001`); nothing else may fire."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shapelint.api import lint_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def expected(source: str) -> set[tuple[int, str]]:
    out = set()
    for row, line in enumerate(source.splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            out.update((row, code) for code in re.split(r"[,\s]+", match.group(1).strip()) if code)
    return out


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.py")), ids=lambda p: p.name)
def test_fixture_findings_match_expectations(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    found = {(f.start.row, f.code) for f in lint_source(source, str(path))}
    assert found == expected(source), f"unexpected: {sorted(found - expected(source))}, missing: {sorted(expected(source) - found)}"


def test_planted_bugs_cover_every_rule() -> None:
    codes = {code for path in FIXTURES.glob("*.py") for _, code in expected(path.read_text(encoding="utf-8"))}
    assert codes >= {f"SL00{i}" for i in range(1, 10)} | {"SL010"}
