"""Inference cases with inline expectations: `x = ...  # shape: (n, 3)` (`?` for unknown).

Each file in tests/engine_cases/ is analyzed; every assignment with a
`# shape:` comment must get exactly that shape, as `shapelint shapes` prints it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shapelint.shapes import infer_shapes

CASES = Path(__file__).parent / "engine_cases"
EXPECT = re.compile(r"#\s*shape:\s*(.+?)\s*$")


@pytest.mark.parametrize("path", sorted(CASES.glob("*.py")), ids=lambda p: p.stem)
def test_inferred_shapes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    rows: dict[int, list[str]] = {}
    for row in infer_shapes(source, path.name):
        rows.setdefault(row.row, []).append(row.display)
    problems = []
    for number, line in enumerate(source.splitlines(), 1):
        match = EXPECT.search(line)
        if match is None:
            continue
        want = match.group(1)
        got = rows.get(number, ["(not reported)"])[0]
        if got != want:
            problems.append(f"line {number}: {line.strip()!r}: got {got}, want {want}")
    assert not problems, "\n".join(problems)
