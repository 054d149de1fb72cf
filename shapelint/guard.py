"""Refuse, before libcst sees it, a source that Python refuses or that is too big to analyze.

libcst's native parser does not bound its recursion: 5,000 nested unary
minus signs, `not`s, `**`s, ternaries, `lambda:`s or `.T`s make it use
gigabytes and then crash the process (a signal, not an exception), and its
memory grows with the square of the nesting (1,000 nested ternaries: 200 MB).
Python's own parser refuses such code cleanly, so it goes first:

    check(source)   # raises SyntaxError (Python's, with its position) or Refused

`check` compiles `source` to an AST with Python's default recursion limit
(as `python file.py` would), so Python 2 syntax (`except X, e:`,
`print "x"`), non-ASCII bytes literals and nesting Python cannot compile are
refused with Python's own message. It then bounds what shapelint will
analyze: at most `MAX_DEPTH` nested syntax nodes and `MAX_NODES` nodes in all
(a million-element literal list would need 4 GB in libcst's tree).

Every entry point that parses with libcst calls it: `api.parse` (and through
it `check`, `shapes`, `--fix`, notebooks and the language server), and
`parse_module` here for the others (`shapelint run`'s instrumentation, the
helper modules read for cross-module analysis).
"""

from __future__ import annotations

import ast
import sys
import warnings
from contextlib import contextmanager
from types import FrameType
from typing import Iterator

import libcst as cst

# Far deeper than real code (the standard library's deepest module is 33
# levels). libcst's memory grows with the square of right-nested depth
# (unary operators, `**`, ternaries, `lambda:`): 1,000 levels take 200 MB.
MAX_DEPTH = 1000
# The largest modules of the standard library, numpy, scipy and scikit-learn
# have under 100,000 nodes, sympy's largest 200,000, a 100,000-line module
# about 800,000. libcst's tree takes 2-4 KB a node: this bound is a memory
# budget of about 2-4 GB for one file.
MAX_NODES = 1_000_000
# The recursion limit `python` itself compiles with.
_PYTHON_RECURSION_LIMIT = 1000


class Refused(Exception):
    """The source cannot be analyzed; the message says why, for the user."""


@contextmanager
def _python_stack() -> Iterator[None]:
    """Python's default recursion limit (the caller may have raised it), so compile fails as `python` does."""
    limit = sys.getrecursionlimit()
    try:
        # Counted from here: `python file.py` compiles with an almost empty stack.
        sys.setrecursionlimit(_PYTHON_RECURSION_LIMIT + _stack_depth())
    except RecursionError:  # already deeper than that: keep the caller's limit
        pass
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _stack_depth() -> int:
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def python_ast(source: str, filename: str = "<unknown>") -> ast.Module:
    """Python's AST of `source`; raises Python's SyntaxError, or Refused where Python runs out of stack."""
    try:
        with _python_stack(), warnings.catch_warnings():
            # `"\d"` and the like warn while compiling; the file's own run will say so, not the linter.
            warnings.simplefilter("ignore")
            tree = compile(source, filename, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
            assert isinstance(tree, ast.Module)
            return tree
    except (RecursionError, MemoryError) as exc:
        # CPython's parser raises MemoryError (with no message) when its own stack is full.
        detail = str(exc) or "its parser's stack is full"
        raise Refused(f"too deeply nested: Python cannot compile it either ({detail})") from None
    except UnicodeEncodeError as exc:  # a lone surrogate (a notebook's "\\ud800"): Python cannot compile it
        row = source.count("\n", 0, exc.start) + 1
        column = exc.start - (source.rfind("\n", 0, exc.start) + 1) + 1
        char = source[exc.start]
        raise SyntaxError(
            f"the source contains the lone surrogate {char!r}, which Python cannot compile", (filename, row, column, None)
        ) from None
    except ValueError as exc:  # e.g. "source code string cannot contain null bytes"
        raise SyntaxError(str(exc)) from None


def check(source: str, filename: str = "<unknown>") -> None:
    """Raise SyntaxError or Refused unless `source` is Python that shapelint can analyze within its bounds."""
    tree = python_ast(source, filename)
    nodes = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    children = ast.iter_child_nodes
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise Refused(f"too large to analyze: more than {MAX_NODES:,} syntax nodes")
        if depth > MAX_DEPTH:
            row = getattr(node, "lineno", None)
            where = f" at line {row}" if row else ""
            raise Refused(
                f"too deeply nested to analyze: more than {MAX_DEPTH} nested expressions{where}"
            )
        if isinstance(node, (ast.BinOp, ast.Attribute, ast.Call, ast.Subscript)):
            # `a + b + c`, `a.T.T` and `x.f().g()[0]` nest to the left, which libcst parses
            # in linear time (chains of calls and subscripts in quadratic time, but Python's
            # own compiler refuses more than about 1,500 of them: 7 s for libcst at most).
            head = node.left if isinstance(node, ast.BinOp) else node.func if isinstance(node, ast.Call) else node.value
            stack.extend((child, depth if child is head else depth + 1) for child in children(node))
        else:
            stack.extend((child, depth + 1) for child in children(node))


def parse_module(source: str) -> cst.Module:
    """libcst's module of `source`, after `check`: raises SyntaxError, Refused or libcst's ParserSyntaxError."""
    check(source)
    return cst.parse_module(source)
