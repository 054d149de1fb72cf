"""The fixture files carry their expected findings inline; nothing else may fire.

`# expect: SL001` is a finding in both SL001 modes; `# expect-all: SL001`
one reported only with `rank-1 = "all"` (a rank-1 origin that causes no
other finding).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shapelint.api import lint_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECT = re.compile(r"#\s*expect(-all)?:\s*([A-Z0-9, ]+)")


def expected(source: str, rank1: str = "all") -> set[tuple[int, str]]:
    out = set()
    for row, line in enumerate(source.splitlines(), 1):
        for match in EXPECT.finditer(line):
            if match.group(1) and rank1 != "all":
                continue
            out.update((row, code) for code in re.split(r"[,\s]+", match.group(2).strip()) if code)
    return out


@pytest.mark.parametrize("rank1", ["hazards", "all"])
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.py")), ids=lambda p: p.name)
def test_fixture_findings_match_expectations(path: Path, rank1: str) -> None:
    source = path.read_text(encoding="utf-8")
    found = {(f.start.row, f.code) for f in lint_source(source, str(path), rank1=rank1)}
    want = expected(source, rank1)
    assert found == want, f"unexpected: {sorted(found - want)}, missing: {sorted(want - found)}"


def test_planted_bugs_cover_every_rule() -> None:
    codes = {code for path in FIXTURES.glob("*.py") for _, code in expected(path.read_text(encoding="utf-8"))}
    assert codes >= {f"SL00{i}" for i in range(1, 10)} | {"SL010"}
