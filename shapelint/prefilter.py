"""Which files the analyzer must see: those that can reach numpy.

Every shape rule is about numpy arrays, and the engine knows an array only
from numpy: a call in the file itself, or a value from a module of the
project that the file imports (and so on, module to module). A file that
never names numpy, and whose project imports never lead to a module that
does, cannot get a shape finding; Python's own parser is all it needs (for
SL000), at a small fraction of the cost of libcst's parse.

The test is cheap and errs on the side of analyzing:

- a text *declares arrays* when it holds `ndarray`, `NDArray`,
  `array-like`/`array_like` or `jaxtyping` anywhere: a documented or
  annotated shape is checked (SL011) even in a module that never imports
  numpy itself;
- a text *names numpy* when the word `numpy` stands on a line that is not a
  comment (strings, docstrings and trailing comments count, so
  `__import__("numpy")` and `import jax.numpy` do too). Text that is not
  ASCII is also compared after NFKC normalization, as Python reads
  identifiers (`import ｎｕｍｐｙ` is `import numpy`);
- its *imports* are every name after `import` or between `from` and
  `import`, anywhere in the text, read by regular expressions (a superset);
- an import *leads to* a file when that module exists in the file's own
  folder (a script's siblings), under the folder of its top package (the
  first folder up without an `__init__.py`), in any folder up to the
  project's root (the first holding `pyproject.toml`, `setup.py`,
  `setup.cfg` or `.git`: namespace packages, tests beside the code) or in
  its `src/`, or, for a relative import, in the package it names;
  `import a.b.c` leads to `a`, `a.b` and `a.b.c`, `from a import b` to `a`
  and `a.b`.

Not seen (the engine cannot follow them either): modules named by
computed strings, `sys.path` changes, installed packages (another
project's modules, found through site-packages, are not followed).

>>> needs_analysis("import numpy as np\\n", None), needs_analysis("import os\\n# numpy\\n", None)
(True, False)

The project module graph of the engine (cross-module inference) answers the
same question exactly once it is built; this module is the cheap answer
used before any parse, and its `imports` superset may seed that graph.
"""

from __future__ import annotations

import ast
import os
import re
import unicodedata

from .findings import Finding, syntax_error
from .sourcefile import SourceError

# `numpy` as a word on a line that is not only a comment.
# Shape declarations a module may hold without naming numpy (numpydoc, numpy typing, jaxtyping).
_DECLARES_ARRAYS = re.compile(r"ndarray|NDArray|array[-_]like|jaxtyping")
_NAMES_NUMPY = re.compile(r"^(?![ \t\f]*#).*?\bnumpy\b", re.MULTILINE)
# The keyword `import` and the names it lists: `a.b as c, d`, `(\n b,\n c)` (a literal first: fast to find).
_IMPORT = re.compile(r"import\b[ \t\f]*(\([^)]*\)|[^\n;#]*)")
# What may stand before it on its line for a statement: where one may start (the line's start, or
# after `;` or `:`), then nothing or `from ..a.b`.
_BEFORE = re.compile(r"(?:^|[;:])[ \t\f]*(?:from[ \t\f]+(\.*)[ \t\f]*([\w.]*)[ \t\f]+)?\Z", re.MULTILINE)
_NAME = re.compile(r"[^\W\d][\w.]*")

# What one run has learnt of the project's files (`forget` starts over): path -> (names numpy,
# the files its imports lead to), and the files known not to reach numpy.
_facts: dict[str, tuple[bool, tuple[str, ...]] | None] = {}
_clean: set[str] = set()
_roots: dict[str, tuple[str, ...]] = {}
_modules: dict[tuple[str, str], str | None] = {}
_PROJECT_MARKS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


def forget() -> None:
    """Drop what was learnt of the project's files: they may have changed since."""
    _facts.clear()
    _clean.clear()
    _roots.clear()
    _modules.clear()


def names_numpy(text: str) -> bool:
    """Whether `numpy` stands as a word on a line that is not only a comment."""
    if text.isascii():
        return "numpy" in text and bool(_NAMES_NUMPY.search(text))
    return bool(_NAMES_NUMPY.search(unicodedata.normalize("NFKC", text)))


def needs_analysis(text: str, folder: str | os.PathLike[str] | None) -> bool:
    """Whether a file with `text`, in `folder` (None: no neighbours), can reach numpy.

    What it learns of the neighbours is kept until `forget()`.

    >>> needs_analysis("from helpers import make\\n", None)
    False
    """
    if names_numpy(text) or _DECLARES_ARRAYS.search(text):
        return True
    if folder is None:
        return False
    seen: set[str] = set()
    todo = list(_leads_to(text, os.path.abspath(folder)))
    while todo:
        path = todo.pop()
        if path in seen or path in _clean:
            continue
        seen.add(path)
        facts = _file_facts(path)
        if facts is None:
            continue
        numpy, leads = facts
        if numpy:
            return True
        todo.extend(leads)
    # Everything reachable from here was seen, and none of it names numpy.
    _clean.update(seen)
    return False


def imports(text: str) -> set[tuple[int, str]]:
    """(level, dotted name) of every module the text may import; a superset (`0` is absolute).

    >>> sorted(imports("from .a import b, c as d\\nimport x.y as z\\n"))
    [(0, 'x'), (0, 'x.y'), (1, 'a'), (1, 'a.b'), (1, 'a.c')]
    """
    if "import" not in text:
        return set()
    found: set[tuple[int, str]] = set()
    text = text.replace("\\\n", " ")
    position = 0
    while (match := _IMPORT.search(text, position)) is not None:
        start = match.start()
        # The next search starts inside this match: in `from zipimport import x` the first is no keyword.
        position = start + len("import")
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            continue  # part of a longer name: `reimport`, `x.import`
        before = _BEFORE.search(text, text.rfind("\n", 0, start) + 1, start)
        if before is None:
            continue
        dots, base, clause = before.group(1) or "", before.group(2) or "", match.group(1)
        level = len(dots)
        if base or level:
            found.add((level, base))
        for part in clause.strip("()").split(","):
            name = _NAME.match(part.strip())
            if name:
                found.add((level, f"{base}.{name.group()}" if base else name.group()))
    # `a.b.c` also imports `a` and `a.b`.
    return {(level, prefix) for level, name in found for prefix in _prefixes(name)}


def _prefixes(dotted: str) -> list[str]:
    parts = dotted.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)] if dotted else [""]


def _top(folder: str) -> str:
    """The folder that holds `folder`'s top package (`folder` itself if it is no package)."""
    while os.path.isfile(os.path.join(folder, "__init__.py")) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return folder


def _absolute_roots(folder: str) -> tuple[str, ...]:
    """Where `import a.b` may find `a` for a file in `folder`: see the module's docstring."""
    if folder not in _roots:
        roots, up = [folder, _top(folder)], folder
        while True:
            if any(os.path.exists(os.path.join(up, mark)) for mark in _PROJECT_MARKS):
                roots += [up, os.path.join(up, "src")]
                break
            parent = os.path.dirname(up)
            if parent == up:
                roots = roots[:2]  # no project: its own folder and its top package's
                break
            roots.append(up := parent)
        _roots[folder] = tuple(dict.fromkeys(roots))
    return _roots[folder]


def _leads_to(text: str, folder: str) -> set[str]:
    found = set()
    for level, name in imports(text):
        if level:
            base = folder
            for _ in range(level - 1):
                base = os.path.dirname(base)
            roots = {base}
        else:
            roots = set(_absolute_roots(folder))
        for root in roots:
            path = _module_file(root, name)
            if path is not None:
                found.add(path)
    return found


def _module_file(root: str, dotted: str) -> str | None:
    if (root, dotted) not in _modules:
        base = os.path.join(root, *dotted.split(".")) if dotted else root
        candidates = (base + ".py", os.path.join(base, "__init__.py"))
        _modules[root, dotted] = next((c for c in candidates if os.path.isfile(c)), None)
    return _modules[root, dotted]


def _file_facts(path: str) -> tuple[bool, tuple[str, ...]] | None:
    """(names numpy, the files its imports lead to), read once per run; None if unreadable."""
    if path not in _facts:
        try:
            with open(path, "rb") as file:
                text = file.read().decode("utf-8", errors="replace")
        except OSError:
            _facts[path] = None
        else:
            numpy = names_numpy(text)
            _facts[path] = (numpy, () if numpy else tuple(_leads_to(text, os.path.dirname(path))))
    return _facts[path]


def syntax_findings(text: str, filename: str) -> list[Finding]:
    """SL000 where Python's own parser rejects the text, with its message; else nothing.

    Raises `SourceError` where the parser runs out of room, as the analyzer does.
    """
    try:
        compile(text, filename, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (RecursionError, MemoryError):
        raise SourceError("too deeply nested to parse") from None
    except SyntaxError as error:
        return [syntax_error(filename, error.lineno or 1, error.offset or 1, error.msg)]
    return []


__all__ = ["forget", "imports", "names_numpy", "needs_analysis", "syntax_findings"]
