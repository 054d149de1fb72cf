"""Runtime findings carry the concrete action in their message: `a.reshape(5, 1)`, not `a.reshape(-1, 1)`.

The rules word a finding for any shape; at runtime the shapes are known, so
each rule's `concrete_action` gives the action with the observed numbers
(and may make its edit concrete). `concretize` puts it in the message after
a `;` and drops the help line, which would repeat it. The rules' own
wording is untouched, so static and runtime findings share their messages
up to the `;`.
"""

from __future__ import annotations

from ..engine.facts import Analysis
from ..rules import Report, Rule


def concretize(rule: type[Rule], report: Report, analysis: Analysis) -> None:
    """Put the concrete action into `report.message`, for a finding on observed shapes."""
    try:
        action = rule.concrete_action(report, analysis)
    except Exception:  # wording must never lose a finding
        action = None
    action = action or report.help
    if action:
        report.message = f"{report.message}; {action}"
        report.help = None


__all__ = ["concretize"]
