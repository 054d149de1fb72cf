"""Findings out: one module per format behind one `emit` function.

    emit(findings, "text", sys.stdout, context=OutputContext(sources=...))

Each format module has `emit(findings, stream, context)` and may have
`emit_statistics(findings, stream, context)` for `--statistics` (else the
text table is shown); adding a format is adding a module and one entry to
`FORMATS`. A format module is imported when it is used: a run pays only for
the one it prints. `context` carries what some formats need besides the findings:
the source texts (for the snippets of the text format), colour, and the
outcome of `--fix`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Mapping, Sequence, TextIO

from ..findings import Finding

PROJECT_URL = "https://github.com/shapelint/shapelint"
ISSUES_URL = f"{PROJECT_URL}/issues"


@dataclass(frozen=True)
class OutputContext:
    """What a format may need besides the findings.

    `sources` maps a finding's filename to the text its positions refer to
    (for a notebook: a mapping from cell number to that cell's source, see
    `text.source_of`); `fixed` is how many findings `--fix` removed.
    """

    sources: Mapping[str, str | Mapping[int | None, str]] = field(default_factory=dict)
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    fixed: int = 0


# Format name -> the module (in this package) that writes it.
FORMATS: dict[str, str] = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github"}


def emit(findings: Sequence[Finding], format: str, stream: TextIO, *, context: OutputContext | None = None) -> None:
    """Write `findings` to `stream` in `format` (a key of FORMATS)."""
    context = context or OutputContext()
    module = importlib.import_module(f"{__name__}.{FORMATS[format]}")
    if context.statistics:
        from . import text

        getattr(module, "emit_statistics", text.emit_statistics)(findings, stream, context)
    else:
        module.emit(findings, stream, context)


def use_color(stream: TextIO) -> bool:
    """Colour only for a person at a terminal who has not asked for none (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")
