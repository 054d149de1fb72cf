"""The base of every rule: metadata, policy, documentation and examples in one class.

A rule reads the module's `Analysis` (the facts inference recorded) and
yields `Report`s; it never walks the tree for itself. Its `doc` has ruff's
sections (What it does / Why is this bad? / Example / Use instead / Fix
safety) and is what `shapelint explain`, the README and SARIF show.
`invalid` and `valid` examples are the rule's own tests. The class also owns
the rule's policy: whether it runs on what `shapelint run` observed
(`runtime`), and how a runtime finding is worded with the observed numbers
(`concrete_action`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

import libcst as cst

if TYPE_CHECKING:
    from ..engine.facts import Analysis


@dataclass(frozen=True, slots=True)
class NoteAt:
    """A note that points at a node: `message` may hold `{line}`, filled with the node's row."""

    message: str
    node: cst.CSTNode | None = None


@dataclass
class Report:
    """A finding before positions are known: the node it covers and what to say."""

    node: cst.CSTNode
    message: str
    help: str | None = None
    notes: tuple[NoteAt, ...] = ()
    # (node to replace, replacement source) pairs, and the fix's applicability.
    replacements: tuple[tuple[cst.CSTNode, str], ...] = ()
    applicability: str = "unsafe"
    fix_message: str | None = None
    # Nodes whose own findings this one replaces (the most specific rule wins).
    supersedes: tuple[tuple[str, cst.CSTNode], ...] = field(default=())
    # The rank-1 origins of the arrays this finding is about (SL001's hazards).
    origins: tuple[Any, ...] = ()
    # What the finding does, said after its expression and row for SL001's
    # message: "`a.T` at line 6 does nothing".
    consequence: str | None = None
    # SL001 only: the origin it reports, and the findings that make it matter.
    origin: Any = None
    hazards: "tuple[Report, ...]" = ()


@dataclass(frozen=True)
class Example:
    """An invalid example that pins the finding: the text it spans, a fragment of its message, its fix.

    `fixed` is the whole source with the finding's fix applied, None where no
    fix may be offered. `rank1` is SL001's mode the example is checked in.
    """

    source: str
    at: str
    says: str
    fixed: str | None = None
    rank1: str = "hazards"


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    doc: ClassVar[str] = ""
    invalid: ClassVar[tuple[Example, ...]] = ()
    valid: ClassVar[tuple[str, ...]] = ()
    # The rule's policy, read by the machinery instead of lists of codes there:
    # whether it runs on what `shapelint run` observed;
    runtime: ClassVar[bool] = True
    # whether it is reported whatever `--select`/`--ignore` say (SL000);
    always_on: ClassVar[bool] = False
    # whether, by default, it is reported only where another finding follows (SL001);
    by_hazard: ClassVar[bool] = False
    # whether its findings make a rank-1 origin worth reporting (SL002-SL009);
    is_hazard: ClassVar[bool] = False
    # whether its fixes go first and alone (they resolve findings downstream);
    fix_first: ClassVar[bool] = False
    # whether it is what numpy raises at runtime (the run explains the operands).
    numpy_error: ClassVar[bool] = False

    def check(self, analysis: "Analysis") -> Iterable[Report]:
        return ()

    @classmethod
    def fixable(cls) -> bool:
        return False

    @classmethod
    def concrete_action(cls, report: Report, analysis: "Analysis") -> str | None:
        """The action for a finding on observed shapes, with the real numbers (`a.reshape(5, 1)`).

        It may also make the report's edit concrete. None: the help line serves.
        """
        return None
