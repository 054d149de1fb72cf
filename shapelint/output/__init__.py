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

import errno
import importlib
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence, TextIO

from ..findings import Finding
from ..links import HOW_TO_REPORT, RULE_DOCS, rule_url  # noqa: F401 (imported from here)


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
    # How many errors kept files from being checked (the summary must not say all passed).
    errors: int = 0


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


@contextmanager
def writing_safely() -> Iterator[None]:
    """Output that never ends in a traceback.

    A character the terminal's encoding (an ASCII locale, PYTHONIOENCODING=ascii)
    cannot show is printed escaped (`\\xe9`); output that cannot be written (a
    full disk) is one message on stderr and exit code 2. A closed pipe
    (`| head`) is left to click, which exits quietly.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass
    try:
        yield
    except SystemExit:
        _flush()
        raise
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        _cannot_write(exc)
    _flush()


# The errors of a stream that cannot take more output (anything else is not about the output).
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EBADF}


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _cannot_write(exc)


def _cannot_write(exc: OSError) -> None:
    # Whatever is still buffered cannot be written either: drop it, so exiting prints nothing more.
    sys.stdout = open(os.devnull, "w")
    sys.stderr.write(f"shapelint: error: cannot write the output: {exc.strerror or exc}\n")
    sys.exit(2)
