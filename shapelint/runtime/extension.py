"""The IPython extension: `%load_ext shapelint` checks every cell run afterwards, with real shapes.

    In [1]: %load_ext shapelint
    In [2]: w = np.zeros(3)
    In [3]: w.T @ X
    In[3]:1:1: SL002 `w.T` is the same (3,) array: transposing a rank-1 array does nothing; ...

What loading adds to the shell, and unloading takes away again:

- an AST transformer: the cell IPython is about to run (its text as
  IPython made it Python, the rows of the cell) is instrumented as
  `shapelint run` instruments a notebook's cells (cells.py), and the
  rewritten module replaces the parsed one. The cell's text stays what
  IPython caches, so tracebacks show the user's code. Only the cell itself
  is instrumented, not what a cell magic runs (`%%timeit`'s body), as under
  `shapelint run`.
- the shell's traceback formatter (`InteractiveTB.structured_traceback`, on
  the instance) leaves out the wrappers' frames: an operation that raises
  does so inside its wrapper, which IPython would show as a last frame of
  its own. Tracebacks without such frames are formatted as before.
- `pre_run_cell` / `post_run_cell` callbacks: after each cell, the findings
  that are new (with the shape error that ended the cell, explained) are
  printed to stderr, under that cell. A finding names a cell as the kernel
  knows it, by its execution count (`In[3]:1:1:`); rows and columns count in
  the cell.
- the import hook of `shapelint run` for the modules below the kernel's
  working directory (the notebook's folder): helpers imported afterwards are
  instrumented too.
- a line magic, `%shapelint [--rank-1 hazards|all] [--select CODES]
  [--ignore CODES]`, which without options shows the settings. Their
  defaults come from `[tool.shapelint]` of the notebook's project, as for
  `check`.

Unloading removes all of it and stops recording; functions defined while the
checker was on keep their instrumented code (and the `__shapelint_N__`
globals it reads), which then only passes results on.
"""

from __future__ import annotations

import argparse
import ast
import os
import shlex
import sys
from pathlib import Path
from types import CodeType, TracebackType
from typing import Any, Callable, Container

from ..config import RANK1_MODES, ConfigError, ConfigResolver
from ..links import HOW_TO_REPORT
from ..output.text import render, source_of
from ..selection import parse_codes
from .cells import Cells
from .explain import locate
from .importer import InstrumentingFinder, Policy, install, uninstall
from .instrument import InstrumentError
from .recorder import Recorder
from .report import collect
from .runner import RunResult

MAGIC = "shapelint"
# The checker of each shell the extension is loaded in, by id of the shell.
_LOADED: dict[int, "Checker"] = {}


def _cell_name(number: int) -> str:
    return f"In[{number}]"


class _Options(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise ValueError(message)


def _parser() -> _Options:
    parser = _Options(prog="%shapelint", add_help=False)
    parser.add_argument("--rank-1", dest="rank_1", choices=RANK1_MODES)
    parser.add_argument("--select", action="append", default=[])
    parser.add_argument("--ignore", action="append", default=[])
    return parser


class _Instrument(ast.NodeTransformer):
    """The shell's AST transformer: the cell being run, instrumented."""

    def __init__(self, checker: "Checker") -> None:
        super().__init__()
        self.checker = checker

    def visit(self, node: ast.AST) -> Any:
        try:
            return self.checker.instrument(node)
        except Exception as exc:  # IPython would drop a transformer that raises: say so, run the cell as it is
            self.checker.internal_error(exc)
            return node


class Checker:
    """The extension's state in one shell."""

    def __init__(self, shell: Any) -> None:
        self.shell = shell
        self.recorder = Recorder()
        # The notebook's path where Jupyter tells it, for `[tool.shapelint]` and per-file-ignores.
        notebook = os.environ.get("JPY_SESSION_NAME") or os.path.join(self.recorder.cwd, "notebook.ipynb")
        self.cells = Cells(self.recorder, notebook, display=_cell_name, label=_cell_name)
        self.resolver = ConfigResolver()
        config = self.resolver.for_path(Path(notebook))
        self.rank_1: str = config.rank1 or "hazards"
        self.select: tuple[str, ...] | None = None
        self.ignore: tuple[str, ...] = ()
        self.reported: set[tuple[Any, ...]] = set()
        self.transformer = _Instrument(self)
        self.finder = InstrumentingFinder(Policy(Path(os.path.realpath(self.recorder.cwd))), self.recorder)
        self._depth = 0  # cells running: a cell magic may run a cell inside a cell
        self._cell: tuple[int, str] | None = None  # (execution count, raw text) of the cell whose AST is awaited
        self._previous_magic: Any = None
        self._own_formatter: Any = None

    # -- loading --

    def load(self) -> None:
        shell = self.shell
        shell.ast_transformers.append(self.transformer)
        shell.events.register("pre_run_cell", self.pre_run_cell)
        shell.events.register("post_run_cell", self.post_run_cell)
        line_magics = shell.magics_manager.magics["line"]
        self._previous_magic = line_magics.get(MAGIC)
        shell.register_magic_function(self.magic, "line", MAGIC)
        install(self.finder)
        formatter = shell.InteractiveTB
        self._own_formatter = vars(formatter).get("structured_traceback")
        formatter.structured_traceback = self._formatter(formatter.structured_traceback)

    def unload(self) -> None:
        shell = self.shell
        if self.transformer in shell.ast_transformers:
            shell.ast_transformers.remove(self.transformer)
        for event, callback in (("pre_run_cell", self.pre_run_cell), ("post_run_cell", self.post_run_cell)):
            try:
                shell.events.unregister(event, callback)
            except ValueError:
                pass
        line_magics = shell.magics_manager.magics["line"]
        if self._previous_magic is None:
            line_magics.pop(MAGIC, None)
        else:
            line_magics[MAGIC] = self._previous_magic
        uninstall(self.finder)
        formatter = shell.InteractiveTB
        if self._own_formatter is None:
            vars(formatter).pop("structured_traceback", None)
        else:
            formatter.structured_traceback = self._own_formatter
        self.recorder.stop()

    def _formatter(self, format_: Callable[..., Any]) -> Callable[..., Any]:
        wrappers = self.recorder.wrapper_codes

        def structured_traceback(etype: Any, evalue: Any, etb: Any = None, *args: Any, **kwargs: Any) -> Any:
            return format_(etype, evalue, without_frames(etb, wrappers), *args, **kwargs)

        return structured_traceback

    # -- running cells --

    def pre_run_cell(self, info: Any) -> None:
        self._depth += 1
        if self._depth == 1:
            # IPython has counted the cell already when it stores it in the history.
            number = self.shell.execution_count - (1 if getattr(info, "store_history", False) else 0)
            self._cell = (number, info.raw_cell)

    def instrument(self, node: ast.AST) -> ast.AST:
        """The cell's module instrumented, if `node` is the cell's (not a cell magic's body)."""
        if self._cell is None or self._depth != 1 or not isinstance(node, ast.Module):
            return node
        number, raw = self._cell
        self._cell = None
        python = self.shell.transform_cell(raw)
        if ast.dump(ast.parse(python)) != ast.dump(node):
            return node  # another transformer changed it, or it is not this cell's text
        try:
            filename = self.shell.compile.get_code_name(raw, python, number)
        except Exception:
            filename = f"<{_cell_name(number)}>"
        try:
            made = self.cells.instrument(python, number, filename, raw)
        except (InstrumentError, SyntaxError, RecursionError, ValueError):
            return node
        self.recorder.prepare(made, self.shell.user_ns)
        return ast.parse(made.rewritten, filename)

    def post_run_cell(self, result: Any) -> None:
        self._depth = max(0, self._depth - 1)
        if self._depth:
            return
        self._cell = None
        try:
            self.report(getattr(result, "error_in_exec", None))
        except Exception as exc:
            self.internal_error(exc)

    def report(self, exc: BaseException | None) -> None:
        """Print the findings not printed yet, and the explanation of the shape error that ended the cell."""
        run = RunResult(self.recorder, exception=exc)
        if exc is not None:
            run.located = locate(exc, self.recorder)
            if run.located is not None:
                self.recorder.record_failure(run.located.gid, run.located.operands, exc)
        try:
            outcome = collect(run, select=self.select, ignore=self.ignore, resolver=self.resolver, rank1=self.rank_1)
        except ConfigError as exc2:
            sys.stderr.write(f"shapelint: error: {exc2}\n")
            return
        paint = lambda text, **_: text  # noqa: E731
        out = []
        for finding in outcome.findings:
            key = (finding.code, finding.filename, finding.cell, finding.start, finding.end)
            if key not in self.reported:
                self.reported.add(key)
                out.append(render(finding, source_of(finding, outcome.sources), paint))
        if outcome.explanation is not None:
            out.append(outcome.explanation + "\n")
        for message in self.recorder.internal_errors:
            out.append(f"shapelint: internal error in the runtime checker at {message} (this is {HOW_TO_REPORT})\n")
        self.recorder.internal_errors.clear()
        if out:
            sys.stderr.write("\n".join(out))
            sys.stderr.flush()

    def internal_error(self, exc: BaseException) -> None:
        sys.stderr.write(f"shapelint: internal error: {type(exc).__name__}: {exc} (this is {HOW_TO_REPORT})\n")

    # -- %shapelint --

    def magic(self, line: str) -> None:
        """%shapelint [--rank-1 hazards|all] [--select CODES] [--ignore CODES]: set, or without options show, the checks."""
        try:
            options = _parser().parse_args(shlex.split(line))
            select = parse_codes(tuple(options.select), where="--select") if options.select else None
            ignore = parse_codes(tuple(options.ignore), where="--ignore") if options.ignore else None
        except ValueError as exc:
            print(f"%shapelint: {exc}", file=sys.stderr)
            return
        if options.rank_1 is not None:
            self.rank_1 = options.rank_1
        if select is not None:
            self.select = select
        if ignore is not None:
            self.ignore = ignore
        selected = ", ".join(self.select) if self.select is not None else "the configuration's"
        ignored = ", ".join(self.ignore) or "none"
        print(f"shapelint checks every cell: rank-1 {self.rank_1}, select {selected}, ignore {ignored}")


def without_frames(tb: TracebackType | None, codes: Container[CodeType]) -> TracebackType | None:
    """The traceback without the frames running `codes`; the same object if it has none."""
    kept, entry, dropped = [], tb, False
    while entry is not None:
        if entry.tb_frame.f_code in codes:
            dropped = True
        else:
            kept.append(entry)
        entry = entry.tb_next
    if not dropped:
        return tb
    rebuilt = None
    for entry in reversed(kept):
        rebuilt = TracebackType(rebuilt, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return rebuilt


def load_ipython_extension(shell: Any) -> None:
    if id(shell) in _LOADED:
        return
    checker = Checker(shell)
    checker.load()
    _LOADED[id(shell)] = checker


def unload_ipython_extension(shell: Any) -> None:
    checker = _LOADED.pop(id(shell), None)
    if checker is not None:
        checker.unload()


__all__ = ["Checker", "load_ipython_extension", "unload_ipython_extension", "without_frames"]
