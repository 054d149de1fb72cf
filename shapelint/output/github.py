"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=src/a.py,line=3,col=5,endLine=3,endColumn=9,title=shapelint (SL005)::message

A finding in a notebook cell names the cell in its message (`cell 3:2:5:
...`) and gives no line: a row of a cell is no line of the `.ipynb` file, and
an annotation on the wrong line misleads more than one on the file.

Escaping follows GitHub's toolkit (`@actions/core` `command.ts`): in the
message `%`, `\\r` and `\\n`; in a property also `:` and `,`, which would
otherwise end it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, TextIO

from ..findings import Finding

if TYPE_CHECKING:
    from . import OutputContext

COMMANDS = {"error": "error", "warning": "warning"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(finding: Finding) -> str:
    properties: dict[str, object] = {"file": finding.filename}
    message = finding.message
    if finding.cell is None:
        properties.update(
            line=finding.start.row, col=finding.start.column, endLine=finding.end.row, endColumn=finding.end.column
        )
    else:
        message = f"cell {finding.cell}:{finding.start.row}:{finding.start.column}: {message}"
    properties["title"] = f"shapelint ({finding.code})"
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS.get(finding.severity, 'notice')} {props}::{escape_data(message)}"


def emit(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    for finding in findings:
        stream.write(line(finding) + "\n")
