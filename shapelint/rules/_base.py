"""The base of every rule: metadata, documentation and examples in one class.

A rule reads the module's `Analysis` (inference has already run) and yields
`Report`s; it never walks the tree for itself. Its `doc` has ruff's sections
(What it does / Why is this bad? / Example / Use instead / Fix safety) and is
what `shapelint explain`, the README and SARIF show. `invalid` and `valid`
examples are the rule's own tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable


@dataclass
class Report:
    """A finding before positions are known: the node it covers and what to say."""

    node: Any
    message: str
    help: str | None = None
    notes: tuple[str, ...] = ()
    # (node to replace, replacement source) pairs, and the fix's applicability.
    replacements: tuple[tuple[Any, str], ...] = ()
    applicability: str = "unsafe"
    fix_message: str | None = None
    # Nodes whose own findings this one replaces (the most specific rule wins).
    supersedes: tuple[tuple[str, Any], ...] = field(default=())


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    doc: ClassVar[str] = ""
    invalid: ClassVar[tuple[str, ...]] = ()
    valid: ClassVar[tuple[str, ...]] = ()

    def check(self, analysis: Any) -> Iterable[Report]:
        return ()

    @classmethod
    def fixable(cls) -> bool:
        return False
