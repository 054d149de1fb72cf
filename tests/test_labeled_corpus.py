"""Precision and recall on the labeled corpus in benchmarks/corpus/, in both SL001 modes.

The labels name every finding with `rank-1 = "all"` (every rank-1 origin is
an SL001). In the default `hazards` mode the other codes are scored against
the same labels, and every SL001 reported must be a labelled origin (an
origin that causes nothing is not reported, so SL001's recall there is not
scored). Thresholds: at least 0.90 precision and 0.85 recall over all rules
together, and no rule below 0.75 on either.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


import pytest

from shapelint.api import lint_source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labeled_corpus import CORPUS, read_labels  # noqa: E402


@pytest.mark.parametrize("rank1", ["all", "hazards"])
def test_precision_and_recall(rank1: str) -> None:
    labels = read_labels(CORPUS)
    found = set()
    for path in sorted(CORPUS.glob("*.py")):
        for finding in lint_source(path.read_text(encoding="utf-8"), path.name, rank1=rank1):
            found.add((path.name, finding.start.row, finding.code))
    if rank1 == "hazards":
        origins = {key for key in found if key[2] == "SL001"}
        assert origins <= labels, sorted(origins - labels)
        assert origins, "some origin in the corpus causes another finding"
        labels = {key for key in labels if key[2] != "SL001"}
        found -= origins
    tp, fp, fn = Counter(), Counter(), Counter()
    for key in found | labels:
        code = key[2]
        if key in found and key in labels:
            tp[code] += 1
        elif key in found:
            fp[code] += 1
        else:
            fn[code] += 1
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    assert total_tp / (total_tp + total_fp) >= 0.90
    assert total_tp / (total_tp + total_fn) >= 0.85
    for code in {k[2] for k in labels}:
        assert tp[code] / max(1, tp[code] + fp[code]) >= 0.75, code
        assert tp[code] / max(1, tp[code] + fn[code]) >= 0.75, code
