"""Tracebacks of the user's program as Python would print them without the checker.

Three things differ in the raw traceback of an instrumented run, and are
undone here: the wrapper frames (one per failing site, named after the
enclosing function, at the same line) are dropped; frames of the checker
itself (the runner's `exec`, the import hook's loader) are dropped, as
CPython drops its own import machinery; and the columns of frames in
rewritten code (which 3.11 turns into `~~~^^^` carets) are put back to the
original expression's, where a wrapper frame tells which site it was, or
left out where they cannot be known.
"""

from __future__ import annotations

import difflib
import linecache
import os
import sys
import threading
import traceback
from types import TracebackType
from typing import Any, TextIO

from .recorder import Recorder

_RUNTIME_FOLDER = os.path.dirname(os.path.abspath(__file__))


def _is_checker_frame(filename: str) -> bool:
    return os.path.dirname(os.path.abspath(filename)) == _RUNTIME_FOLDER


def _byte_column(line: str | None, column: int) -> int:
    """3.11's FrameSummary counts columns in UTF-8 bytes; libcst counts characters."""
    if not line:
        return column
    return len(line[:column].encode("utf-8"))


def _summary(old: traceback.FrameSummary, colno: int | None, end_colno: int | None) -> traceback.FrameSummary:
    # The unstripped line (or None: looked up lazily), which 3.11 measures the carets against.
    line = getattr(old, "_line", None)
    try:
        return traceback.FrameSummary(
            old.filename, old.lineno, old.name, lookup_line=False, line=line,
            end_lineno=old.lineno if colno is not None else None, colno=colno, end_colno=end_colno,
        )
    except TypeError:  # Python 3.10: no columns
        return traceback.FrameSummary(old.filename, old.lineno, old.name, lookup_line=False, line=line)


def _char_column(line: str, byte_column: int) -> int:
    return len(line.encode("utf-8")[:byte_column].decode("utf-8", errors="replace"))


class _ColumnMap:
    """Columns of a rewritten line mapped back to the original line, through the characters they share.

    The rewrite only inserts wrapper calls and drops operators, so the
    original's characters appear in the rewritten line in the same order;
    `SequenceMatcher` finds them.
    """

    def __init__(self, rewritten: str, original: str) -> None:
        matcher = difflib.SequenceMatcher(None, rewritten, original, autojunk=False)
        self.pairs: list[tuple[int, int]] = []
        for a, b, size in matcher.get_matching_blocks():
            self.pairs.extend((a + k, b + k) for k in range(size))

    def start(self, column: int) -> int | None:
        """The original column of the first shared character at or after `column`."""
        for a, b in self.pairs:
            if a >= column:
                return b
        return None

    def end(self, column: int) -> int | None:
        """The original column just after the last shared character before `column`."""
        found = None
        for a, b in self.pairs:
            if a < column:
                found = b + 1
            else:
                break
        return found


class TracebackCleaner:
    """Rewrites `TracebackException`s of one run (see the module docstring)."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self._lines: dict[str, tuple[list[str], list[str]]] = {}

    def _refresh(self) -> None:
        # Modules are instrumented as they are imported, so look again each time.
        for record in self.recorder.modules:
            made = record.instrumented
            if made.filename not in self._lines:
                self._lines[made.filename] = (made.source.splitlines(), made.rewritten.splitlines())

    def _unchanged(self, filename: str, lineno: int | None) -> bool:
        lines = self._lines.get(filename)
        if lines is None or lineno is None:
            return True
        original, rewritten = lines
        if not 1 <= lineno <= min(len(original), len(rewritten)):
            return False
        return original[lineno - 1] == rewritten[lineno - 1]

    def clean(self, te: traceback.TracebackException, exc: BaseException | None, seen: set[int] | None = None) -> None:
        seen = seen if seen is not None else set()
        if id(te) in seen:
            return
        seen.add(id(te))
        tbs: list[TracebackType] = []
        tb = exc.__traceback__ if exc is not None else None
        while tb is not None:
            tbs.append(tb)
            tb = tb.tb_next
        if len(tbs) == len(te.stack):
            kept: list[traceback.FrameSummary] = []
            codes = self.recorder.wrapper_codes
            for i, (summary, tb) in enumerate(zip(te.stack, tbs)):
                code = tb.tb_frame.f_code
                if code in codes or _is_checker_frame(code.co_filename):
                    # The import machinery's frames that led to our loader go with it, as CPython
                    # drops them for its own loaders.
                    while kept and kept[-1].filename.startswith("<frozen importlib._bootstrap"):
                        kept.pop()
                    continue
                if code.co_filename in self._lines:
                    summary = self._columns(summary, tbs[i + 1] if i + 1 < len(tbs) else None)
                kept.append(summary)
            te.stack = traceback.StackSummary.from_list(kept)
        cause = getattr(exc, "__cause__", None)
        context = getattr(exc, "__context__", None)
        if te.__cause__ is not None:
            self.clean(te.__cause__, cause, seen)
        if te.__context__ is not None:
            self.clean(te.__context__, context, seen)
        for inner_te, inner in zip(getattr(te, "exceptions", None) or (), getattr(exc, "exceptions", ()) or ()):
            self.clean(inner_te, inner, seen)

    def _columns(self, summary: traceback.FrameSummary, inner: TracebackType | None) -> traceback.FrameSummary:
        gid = self.recorder.wrapper_codes.get(inner.tb_frame.f_code) if inner is not None else None
        site = self.recorder.sites[gid] if gid is not None else None
        line = linecache.getline(summary.filename, summary.lineno or 0)
        if site is not None and site.start[0] == site.end[0] == summary.lineno:
            return _summary(summary, _byte_column(line, site.start[1]), _byte_column(line, site.end[1]))
        if self._unchanged(summary.filename, summary.lineno):
            return summary
        colno, end_colno = getattr(summary, "colno", None), getattr(summary, "end_colno", None)
        lines = self._lines.get(summary.filename)
        if colno is None or end_colno is None or lines is None or not summary.lineno:
            return _summary(summary, None, None)
        rewritten = lines[1][summary.lineno - 1] if summary.lineno <= len(lines[1]) else ""
        mapping = _ColumnMap(rewritten, line.rstrip("\r\n"))
        start = mapping.start(_char_column(rewritten, colno))
        end: int | None
        if getattr(summary, "end_lineno", summary.lineno) != summary.lineno:
            end = len(line.rstrip("\r\n"))
        else:
            end = mapping.end(_char_column(rewritten, end_colno))
        if start is None or end is None or end <= start:
            return _summary(summary, None, None)
        return _summary(summary, _byte_column(line, start), _byte_column(line, end))

    def format(self, exc: BaseException) -> str:
        te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
        self._refresh()
        self.clean(te, exc)
        return "".join(te.format())


def print_exception(exc: BaseException, cleaner: TracebackCleaner, file: TextIO | None = None) -> None:
    """What `sys.excepthook` prints for `exc`, unless the program installed a hook of its own."""
    if sys.excepthook is not sys.__excepthook__:
        sys.excepthook(type(exc), exc, exc.__traceback__)
        return
    stream = file if file is not None else sys.stderr
    stream.write(cleaner.format(exc))
    stream.flush()


def install_thread_hook(cleaner: TracebackCleaner) -> None:
    """Threads print their uncaught exceptions the same way, unless the program set its own hook."""
    if threading.excepthook is not threading.__excepthook__:
        return

    def excepthook(args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        stream = sys.stderr
        if stream is None:
            return
        name = args.thread.name if args.thread is not None else threading.get_ident()
        print(f"Exception in thread {name}:", file=stream, flush=True)
        if args.exc_value is not None:
            stream.write(cleaner.format(args.exc_value))
        stream.flush()

    threading.excepthook = excepthook


__all__ = ["TracebackCleaner", "install_thread_hook", "print_exception"]
