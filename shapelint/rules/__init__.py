"""The rule registry: every rule of CONTRACT.md section 2, in code order.

`shapelint rules`, `shapelint explain`, the README table and the SARIF rule
metadata all read `RULES`. The rules import libcst, so `RULES` and `BY_CODE`
are loaded on first use; `CODES` is there for what needs only the codes
(`--select`, `--ignore`, the configuration), so that checking files that
cannot reach numpy never imports libcst.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import Report, Rule

if TYPE_CHECKING:
    RULES: list[type[Rule]]
    BY_CODE: dict[str, type[Rule]]

# The codes of RULES, in order (tests/test_rule_examples.py checks that they agree).
CODES = ("SL000", "SL001", "SL002", "SL003", "SL004", "SL005", "SL006", "SL007", "SL008", "SL009", "SL010")


def __getattr__(name: str) -> Any:
    if name not in ("RULES", "BY_CODE"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    rules = _load()
    globals().update(RULES=rules, BY_CODE={rule.code: rule for rule in rules})
    return globals()[name]


def _load() -> list[type[Rule]]:
    from .sl000_syntax_error import SyntaxErrorRule
    from .sl001_rank1_array import RankOneArray
    from .sl002_rank1_transpose import RankOneTranspose
    from .sl003_ambiguous_broadcast import AmbiguousBroadcast
    from .sl004_rank1_inner_product import RankOneInnerProduct
    from .sl005_broadcast_error import BroadcastError
    from .sl006_matmul_shape_mismatch import MatmulShapeMismatch
    from .sl007_misaligned_reduction import MisalignedReduction
    from .sl008_reshape_size_mismatch import ReshapeSizeMismatch
    from .sl009_index_rank_mismatch import IndexRankMismatch
    from .sl010_unvectorized_loop import UnvectorizedLoop

    return [
        SyntaxErrorRule,
        RankOneArray,
        RankOneTranspose,
        AmbiguousBroadcast,
        RankOneInnerProduct,
        BroadcastError,
        MatmulShapeMismatch,
        MisalignedReduction,
        ReshapeSizeMismatch,
        IndexRankMismatch,
        UnvectorizedLoop,
    ]


__all__ = ["BY_CODE", "CODES", "RULES", "Report", "Rule"]
