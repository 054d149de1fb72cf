"""Every rule's own examples: each `invalid` one fires the rule, no `valid` one does."""

from __future__ import annotations

import pytest

from shapelint.api import lint_source
from shapelint.rules import RULES

CASES = [(rule.code, "invalid", i, src) for rule in RULES for i, src in enumerate(rule.invalid)] + [
    (rule.code, "valid", i, src) for rule in RULES for i, src in enumerate(rule.valid)
]


@pytest.mark.parametrize("code,kind,index,source", CASES, ids=[f"{c}-{k}-{i}" for c, k, i, _ in CASES])
def test_rule_example(code: str, kind: str, index: int, source: str) -> None:
    codes = [f.code for f in lint_source(source, "example.py")]
    if kind == "invalid":
        assert code in codes, f"{code} should fire on:\n{source}\ngot {codes}"
    else:
        assert code not in codes, f"{code} should not fire on:\n{source}\ngot {codes}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_enough_examples_and_docs(rule) -> None:
    if rule.code != "SL000":
        assert len(rule.invalid) >= 5 and len(rule.valid) >= 5
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert section in rule.doc
