"""Concrete fixes for runtime findings: `a.reshape(5, 1)`, not `a.reshape(-1, 1)`.

The rules word a finding for any shape; at runtime the shapes are known, so
CONTRACT section 5 wants the fix with the observed numbers in the message
(and in the edit where the rule offers one). `concretize` rewrites a rule's
`Report` in place before it becomes a `Finding`: the message gets the
concrete action after a `;`, the help line is dropped (it would repeat it),
and a `.reshape(-1, 1)` / `.reshape(1, -1)` edit gets the observed length.

The rules' own wording is untouched, so static and runtime findings still
share their messages up to the `;`.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..domain import Known
from ..engine.facts import Analysis
from ..rules import Report
from ..rules._text import atom, code, is_transpose, shape, transposed_operand
from ..values import Array

_COLUMN = ".reshape(-1, 1)"
_ROW = ".reshape(1, -1)"


def _length(value: Any) -> int | None:
    if isinstance(value, Array) and value.shape.axes and len(value.shape.axes) == 1:
        axis = value.shape.axes[0]
        if isinstance(axis, Known):
            return axis.value
    return None


def _event(events: list, node: cst.CSTNode) -> Any:
    return next((e for e in events if e.node is node), None)


def _sl001(report: Report, analysis: Analysis) -> str | None:
    binding = next((b for b in analysis.bindings if b.value_node is report.node and b.fresh), None)
    if binding is None:
        return None
    n = _length(binding.value)
    if n is None:
        return None
    name = binding.target.value
    fix = report.replacements[0][1] if report.replacements else None
    if fix is not None and "keepdims=True" in fix:
        return f"keep the reduced axis: `{fix}`"
    if fix is not None and fix.endswith(_COLUMN):
        concrete = fix[: -len(_COLUMN)] + f".reshape({n}, 1)"
        report.replacements = ((report.replacements[0][0], concrete),)
        report.fix_message = f"Use `{concrete}`"
        return f"make it a ({n}, 1) column: `{concrete}`"
    if fix is not None:
        return f"make it a ({n}, 1) column: `{fix}` (or `{name}.reshape({n}, 1)`)"
    return f"make it a ({n}, 1) column: `{name}.reshape({n}, 1)`"


def _sl002(report: Report, analysis: Analysis) -> str | None:
    event = _event(analysis.transposes, report.node)
    n = _length(event.operand.value) if event is not None else None
    if n is None:
        return None
    operand = atom(analysis, transposed_operand(report.node))
    row = f"{operand}.reshape(1, {n})"
    if report.replacements and report.replacements[0][1].endswith(_ROW):
        report.replacements = ((report.replacements[0][0], row),)
        report.fix_message = f"Use `{row}`"
    return f"for a (1, {n}) row use `{row}`, for a ({n}, 1) column `{operand}.reshape({n}, 1)`"


def _sl003(report: Report, analysis: Analysis) -> str | None:
    event = _event(analysis.elementwise, report.node)
    if event is None:
        return None
    arrays = [o for o in event.operands if isinstance(o.value, Array) and o.value.shape.axes is not None]
    for vector, other in (arrays, arrays[::-1]) if len(arrays) == 2 else ():
        n = _length(vector.value)
        if n is None or (other.value.rank or 0) < 2:
            continue
        v = atom(analysis, vector.node)
        if isinstance(event.result, Array) and event.result.shape != other.value.shape:
            return (
                f"if an elementwise result was meant, make `{code(analysis, vector.node)}` a column: `{v}.reshape({n}, 1)`; "
                f"if the {shape(event.result)} table was meant, say so: `{v}.reshape(1, {n})`"
            )
        return f"say which axis: `{v}.reshape(1, {n})` for the last, `{v}.reshape({n}, 1)` for the first"
    return None


def _sl004(report: Report, analysis: Analysis) -> str | None:
    event = _event(analysis.products, report.node)
    if event is None:
        return None
    n, m = _length(event.left.value), _length(event.right.value)
    if n is None or m is None:
        return None
    transposed = next((o.node for o in (event.left, event.right) if is_transpose(o.node)), event.left.node)
    a = atom(analysis, transposed_operand(transposed))
    outer = report.replacements[0][1] if report.replacements else f"np.outer({a}, {a})"
    return f"for the ({n}, {m}) matrix use `{outer}`, or make `{code(analysis, transposed_operand(transposed))}` a column: `{a}.reshape({n}, 1)`"


_BY_CODE = {"SL001": _sl001, "SL002": _sl002, "SL003": _sl003, "SL004": _sl004}


def concretize(code_: str, report: Report, analysis: Analysis) -> None:
    """Put the concrete action into `report.message` (and its edit), for a finding on observed shapes."""
    make = _BY_CODE.get(code_)
    action = None
    try:
        action = make(report, analysis) if make is not None else None
    except Exception:  # wording must never lose a finding
        action = None
    action = action or report.help
    if action:
        report.message = f"{report.message}; {action}"
        report.help = None


__all__ = ["concretize"]
