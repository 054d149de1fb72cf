"""Precision and recall on benchmarks/idioms/: real-code idioms that look wrong and are right, among real bugs.

Scored in both SL001 modes against its labels (`# label:` in both,
`# label-all:` only with `rank-1 = "all"`). Thresholds: precision at least
0.95 and recall at least 0.85 in each mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shapelint.api import lint_source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labeled_corpus import IDIOMS, read_labels  # noqa: E402


@pytest.mark.parametrize("rank1", ["hazards", "all"])
def test_idioms_precision_and_recall(rank1: str) -> None:
    labels = read_labels(IDIOMS, rank1)
    found = {
        (path.name, finding.start.row, finding.code)
        for path in sorted(IDIOMS.glob("*.py"))
        for finding in lint_source(path.read_text(encoding="utf-8"), path.name, rank1=rank1)
    }
    tp = len(found & labels)
    assert tp / max(1, len(found)) >= 0.95, sorted(found - labels)
    assert tp / max(1, len(labels)) >= 0.85, sorted(labels - found)


def test_the_idioms_have_quiet_files_and_every_kind_of_label() -> None:
    labels = read_labels(IDIOMS, "all")
    assert len(labels) >= 50
    quiet = [p.name for p in IDIOMS.glob("*.py") if not any(k[0] == p.name for k in read_labels(IDIOMS, "hazards"))]
    assert len(quiet) >= 5, "idioms that are right must stay quiet by default"
