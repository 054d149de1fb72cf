"""The JSON format: an array of findings with ruff's field names.

Tools written for ruff's `--output-format json` read it unchanged, so the
field names and nesting are fixed; each object is `Finding.to_json()`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Sequence, TextIO

from ..findings import Finding
from .text import statistics_rows

if TYPE_CHECKING:
    from . import OutputContext


def emit(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    json.dump([f.to_json() for f in findings], stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def emit_statistics(findings: Sequence[Finding], stream: TextIO, context: OutputContext) -> None:
    """`--statistics` as JSON, as ruff gives it: code, name, count, fixable per code."""
    rows = [
        {"code": code, "name": name, "count": count, "fixable": fixable}
        for code, name, count, fixable in statistics_rows(findings)
    ]
    json.dump(rows, stream, indent=2)
    stream.write("\n")
