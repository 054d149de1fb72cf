"""Room on the stack for deeply nested (but valid) code: the one recursion limit of shapelint.

libcst's parser and the engine recurse once per nesting level; Python's
default limit is too small for some real files. Running out even so is the
file's problem, reported as a `SourceError`, never a crash.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from ..sourcefile import SourceError

RECURSION_LIMIT = 20000


@contextmanager
def deep_stack() -> Iterator[None]:
    """Raise the recursion limit for the block; a RecursionError inside becomes a SourceError."""
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
        yield
    except RecursionError:
        raise SourceError("too deeply nested to analyze") from None
    finally:
        sys.setrecursionlimit(limit)
