"""numpy's own shape errors, explained: the failing expression, every operand's shape, the fix.

When the program dies of a `ValueError` (broadcast, matmul, reshape) or an
`IndexError` (too many indices), the innermost wrapper frame of the
traceback is the site whose operation raised, and its locals are the
operands (instrument.py). `locate` finds it, `Recorder.record_failure` turns
it into the event the rules read (so it becomes an SL005/SL006/SL007/SL008/
SL009 finding at the failing span), and `operand_notes` says where each
operand's shape came from:

    = note: `W @ X` is (4, 10): `W` (4, 3) @ `X` (3, 10)
    = note: `b` is (3,), made at train.py:7: `b = np.zeros(3)`

An error the rules have no code for (`np.concatenate` of mismatched
arrays) still gets the operand lines, as a plain explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import libcst as cst

from ..domain import format_shape
from ..engine.positions import positions
from ..findings import Finding, Note
from ..rules import RULES
from ..rules._text import origin_binding
from ..values import Array, Value
from .recorder import ModuleRecord, Recorder, error_kind, observed_shape

# Codes whose finding is the failure itself.
FAILURE_CODES = frozenset(rule.code for rule in RULES if rule.numpy_error)
MAX_SNIPPET = 40


@dataclass
class Located:
    """The site whose operation raised, and the values its wrapper received."""

    gid: int
    operands: dict[str, Any]


def locate(exc: BaseException, recorder: Recorder) -> Located | None:
    """The innermost wrapper frame of `exc`'s traceback, if it is a shape error."""
    if error_kind(exc) is None:
        return None
    found = None
    tb = exc.__traceback__
    while tb is not None:
        gid = recorder.wrapper_codes.get(tb.tb_frame.f_code)
        if gid is not None:
            found = Located(gid, dict(tb.tb_frame.f_locals))
        tb = tb.tb_next
    return found


def _snippet(module: cst.Module, node: cst.CSTNode) -> str:
    text = " ".join(module.code_for_node(node).split())
    return text if len(text) <= MAX_SNIPPET else text[: MAX_SNIPPET - 3] + "..."


def _shape(value: Value) -> str:
    return format_shape(value.shape) if isinstance(value, Array) else "?"


class Explainer:
    """Builds the operand notes of one failure in one module."""

    def __init__(self, record: ModuleRecord) -> None:
        self.record = record
        self.module = record.module
        self.lines = record.source.splitlines()

    def _made(self, value: Value) -> tuple[str, str] | None:
        """(target name, "made at file:row: `statement`") for an operand with a rank-1 origin."""
        if not isinstance(value, Array) or value.origin is None:
            return None
        binding = origin_binding(self.record, value.origin)
        if binding is None:
            return None
        where = positions(self.module, [binding.target]).get(binding.target)
        if where is None:
            return None
        row = where[0][0]
        if binding.value_node is not None:
            statement = f"{binding.name} = {_snippet(self.module, binding.value_node)}"
        else:
            statement = self.lines[row - 1].split("#")[0].strip() if row <= len(self.lines) else ""
        return binding.name, f"made at {self.record.display}:{row}: `{statement}`"

    def _parts(self, node: cst.CSTNode) -> str | None:
        """`W` (4, 3) @ `X` (3, 10): the operands of an operand that is itself a product or broadcast."""
        for event in self.record.products:
            if event.node is node and event.error is None:
                return (
                    f"`{_snippet(self.module, event.left.node)}` {_shape(event.left.value)} {event.spelling if event.spelling == '@' else '·'} "
                    f"`{_snippet(self.module, event.right.node)}` {_shape(event.right.value)}"
                )
        for broadcast in self.record.elementwise:
            if broadcast.node is node and broadcast.error is None and len(broadcast.operands) == 2:
                a, b = broadcast.operands
                return (
                    f"`{_snippet(self.module, a.node)}` {_shape(a.value)} {broadcast.operator} "
                    f"`{_snippet(self.module, b.node)}` {_shape(b.value)}"
                )
        return None

    def notes(self, site_node: cst.CSTNode, existing: tuple[Note, ...] = ()) -> list[Note]:
        """One note per array operand of the failure, then the existing notes they do not repeat."""
        failure = next((f for f in reversed(self.record.failures) if f.node is site_node), None)
        if failure is None:
            return list(existing)
        out = []
        replaced: set[str] = set()
        for operand in failure.operands:
            if not isinstance(operand.value, Array):
                continue
            text = f"`{_snippet(self.module, operand.node)}` is {_shape(operand.value)}"
            parts = self._parts(operand.node)
            made = self._made(operand.value)
            if parts:
                text += f": {parts}"
            elif made:
                text += f", {made[1]}"
                replaced.add(f"`{made[0]}` became")
            out.append(text)
        out = list(dict.fromkeys(out))  # `np.dot(a, a)`: one note for `a`
        return [Note(text) for text in out] + [
            note for note in existing if not any(note.message.startswith(prefix) for prefix in replaced)
        ]


def attach(findings: list[Finding], recorder: Recorder, gid: int) -> tuple[list[Finding], Finding | None]:
    """The findings with the failing site's finding given its operand notes; and that finding."""
    site = recorder.sites[gid]
    if site is None:
        return findings, None
    record = recorder.record_of(site)
    explainer = Explainer(record)
    row, column = site.start[0], site.start[1] + 1
    for i, finding in enumerate(findings):
        if (
            finding.code in FAILURE_CODES
            and finding.filename == record.display
            and (finding.start.row, finding.start.column) == (row, column)
        ):
            updated = replace(finding, notes=tuple(explainer.notes(site.node, finding.notes)))
            findings = findings[:i] + [updated] + findings[i + 1 :]
            return findings, updated
    return findings, None


def plain_explanation(exc: BaseException, recorder: Recorder, located: Located) -> str | None:
    """For a shape error no rule reports: where it happened and the shapes of the arrays involved."""
    site = recorder.sites[located.gid]
    if site is None:
        return None
    record = recorder.record_of(site)
    shapes = []
    for name, value in located.operands.items():
        if name.startswith("__") and name[2:].isdigit() or name in ("__l", "__r", "__o"):
            shape = observed_shape(value)
            if shape is not None:
                shapes.append(format_shape_tuple(shape))
            elif isinstance(value, (list, tuple)):
                inner = [observed_shape(v) for v in value]
                if inner and all(s is not None for s in inner):
                    shapes.append("[" + ", ".join(format_shape_tuple(s) for s in inner) + "]")  # type: ignore[arg-type]
    if not shapes:
        return None
    expression = _snippet(record.module, site.node)
    return (
        f"{record.display}:{site.start[0]}:{site.start[1] + 1}: `{expression}` raised {type(exc).__name__} "
        f"with arrays of shapes {', '.join(shapes)}"
    )


def format_shape_tuple(shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(n) for n in shape) + ")"


__all__ = ["Explainer", "Located", "attach", "locate", "plain_explanation"]
