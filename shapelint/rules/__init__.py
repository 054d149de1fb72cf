"""The rule registry: every rule of CONTRACT.md section 2, in code order."""

from __future__ import annotations

from ._base import Report, Rule

_TABLE = [
    ("SL000", "syntax-error", "error", "the file does not parse"),
    ("SL001", "rank-1-array", "warning", "an expression bound to a name makes a rank-1 array, shape (n,)"),
    ("SL002", "rank-1-transpose", "warning", "`.T` or `transpose` of a rank-1 array returns the same (n,) array"),
    ("SL003", "ambiguous-broadcast", "warning", "a legal broadcast that is likely unintended"),
    ("SL004", "rank-1-inner-product", "warning", "a product of two rank-1 arrays where a transpose shows a matrix was meant"),
    ("SL005", "broadcast-error", "error", "operands that cannot broadcast"),
    ("SL006", "matmul-shape-mismatch", "error", "a matrix product whose contracted axes differ"),
    ("SL007", "misaligned-reduction", "warning", "a reduction over a non-leading axis without keepdims broadcast back"),
    ("SL008", "reshape-size-mismatch", "error", "reshape to a shape of another size, or with more than one -1"),
    ("SL009", "index-rank-mismatch", "error", "more indices than axes, or a constant index outside a known length"),
    ("SL010", "unvectorized-loop", "warning", "a Python loop over array elements that one numpy call does"),
]


def _placeholder(code: str, name: str, severity: str, summary: str) -> type[Rule]:
    return type(name, (Rule,), {"code": code, "name": name, "severity": severity, "summary": summary, "doc": summary})


RULES: list[type[Rule]] = [_placeholder(*row) for row in _TABLE]
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "Report", "Rule"]
