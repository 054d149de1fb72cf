"""The rule registry: every rule of CONTRACT.md section 2, in code order.

`shapelint rules`, `shapelint explain`, the README table and the SARIF rule
metadata all read `RULES`.
"""

from __future__ import annotations

from ._base import Report, Rule
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
from .sl011_annotation_shape_mismatch import AnnotationShapeMismatch

RULES: list[type[Rule]] = [
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
    AnnotationShapeMismatch,
]
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "Report", "Rule"]
