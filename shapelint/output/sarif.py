"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, IDEs) read.

One run; the driver lists every rule of the registry with its documentation
(the same text `shapelint explain` prints), and each result points at its
rule by id and index. Columns are characters, so the run says
`columnKind: unicodeCodePoints` (SARIF's default counts UTF-16 units).
Artifact URIs are relative to the current folder with forward slashes, and
a `file://` URI for a file outside it. A finding's fix becomes a SARIF fix
whose replacements are its edits.

A finding in a notebook cell has its rows and columns counted in the cell
(as the text and JSON formats give them), so its regions say so: the region
carries `properties: {"cell": 3}` and the location a logical location
`course.ipynb:cell 3` for viewers that show those. A viewer that knows
neither puts the finding at that row of the `.ipynb` file's JSON.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence, TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Position
from ..rules import RULES
from . import rule_url

if TYPE_CHECKING:
    from . import OutputContext

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning"}


def artifact_uri(filename: str) -> str:
    path = Path(os.path.abspath(filename))
    try:
        return quote(path.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return path.as_uri()


def _region(start: Position, end: Position, cell: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": start.row, "startColumn": start.column, "endLine": end.row, "endColumn": end.column
    }
    if cell is not None:
        region["properties"] = {"cell": cell}
    return region


def _location(finding: Finding, uri: str) -> dict[str, Any]:
    region = _region(finding.start, finding.end, finding.cell)
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
    if finding.cell is not None:
        name = f"cell {finding.cell}"
        location["logicalLocations"] = [{"name": name, "fullyQualifiedName": f"{finding.filename}:{name}"}]
    return location


def _rule(rule: Any) -> dict[str, Any]:
    doc = rule.doc or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "note")},
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(finding.filename)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS.get(finding.severity, "note"),
        "message": {"text": finding.message},
        "locations": [_location(finding, uri)],
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.fix is not None:
        replacements = [
            {"deletedRegion": _region(e.start, e.end, finding.cell), "insertedContent": {"text": e.content}}
            for e in finding.fix.edits
        ]
        result["fixes"] = [
            {
                "description": {"text": finding.fix.message},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
            }
        ]
    return result


def document(findings: Sequence[Finding]) -> dict[str, Any]:
    rule_index = {rule.code: i for i, rule in enumerate(RULES)}
    driver = {
        "name": "shapelint",
        "version": __version__,
        "rules": [_rule(rule) for rule in RULES],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_index) for f in findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def emit(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    json.dump(document(findings), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
