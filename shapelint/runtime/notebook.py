"""`shapelint run course.ipynb`: the code cells in order, in one namespace, as "Restart and run all" runs them.

- The run happens in the notebook's folder (relative data paths such as
  `np.load("data/X.npy")` work), with that folder first on `sys.path`; the
  import hook instruments the helper modules beside the notebook, as beside
  a script. The `.ipynb` file is only read.
- Each code cell is read as `shapelint check` reads it (`notebook.transform`):
  `%matplotlib inline`, `!pip install ...` and `x?` do nothing, `files = !ls`
  binds what `get_ipython()` returns. It is instrumented as a module of its
  own (cells.py) and compiled under the name `course.ipynb:cell 5`, with the
  cell's text in `linecache`, so tracebacks and warnings name the cell and
  show its rows.
- A cell magic (`%%timeit`, `%%capture`, `%%bash`) runs through IPython where
  it is installed, uninstrumented, in a shell made the first time one is
  needed around the notebook's namespace; without IPython the cell is
  skipped with a message on stderr.
- The namespace is a kernel's: `__name__ == "__main__"`, no `__file__`,
  `display` and `get_ipython` defined. The last expression of a cell is
  evaluated but not printed: the terminal is not the notebook's output area.
- A cell that raises ends the run, as "run all" stops at the first error; the
  runner prints its traceback and reports.
"""

from __future__ import annotations

import builtins
import linecache
import os
import re
import sys
import types
from pathlib import Path
from typing import Any

from ..notebook import Cell, Notebook, NotebookFormatError, read_notebook, transform
from ..sourcefile import SourceError, read_source
from .cells import Cells
from .recorder import Recorder, display_name

_LINE_BREAK = re.compile(r"\r\n?")
_CELL_MAGIC = re.compile(r"%%(?P<name>\w+)[ \t]*(?P<args>[^\r\n]*)(?:\r\n|\r|\n)?")


class NotebookError(Exception):
    """The notebook cannot be run (unreadable, not a notebook, not Python); `status` is the exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _display(*objects: Any, **_: Any) -> None:
    """`display` without IPython: what IPython's own does outside a kernel."""
    print(*objects)


class NotebookRun:
    """One notebook to run: `prepare()` sets the process up, calling the object runs the cells."""

    def __init__(self, path: str, recorder: Recorder) -> None:
        self.path = os.path.abspath(path)
        try:
            text = read_source(Path(self.path), path).text
        except SourceError as exc:
            raise NotebookError(f"can't open file {self.path!r}: {exc}") from None
        try:
            self.notebook: Notebook = read_notebook(text)
        except NotebookFormatError as exc:
            raise NotebookError(f"{path}: {exc}") from None
        if not self.notebook.is_python:
            raise NotebookError(f"{path} is a {self.notebook.language} notebook: only Python notebooks run")
        self.folder = os.path.dirname(os.path.realpath(self.path))
        self.display = display_name(self.path, recorder.cwd)
        self.recorder = recorder
        self.cells = Cells(
            recorder,
            self.path,
            display=lambda number: f"{self.display}:cell {number}",
            label=lambda number: f"cell {number}",
            notebook=self.display,
        )
        self.module = types.ModuleType("__main__")
        self.module.__builtins__ = builtins  # type: ignore[attr-defined]
        self._shell: Any = None
        self._shell_tried = False

    @property
    def namespace(self) -> dict[str, Any]:
        return self.module.__dict__

    def prepare(self) -> None:
        """The notebook's folder as working directory, and the kernel's names in the namespace."""
        os.chdir(self.folder)
        try:
            from IPython.display import display
        except ImportError:
            display = _display
        self.namespace.setdefault("display", display)
        self.namespace.setdefault("get_ipython", self.shell)

    def shell(self) -> Any:
        """An IPython shell around the notebook's namespace, made when first needed; None without IPython."""
        if not self._shell_tried:
            self._shell_tried = True
            try:
                from IPython.core.interactiveshell import InteractiveShell
                from traitlets.config import Config

                # History off: a checker's run writes nothing to the user's IPython history.
                self._shell = InteractiveShell(user_module=self.module, config=Config({"HistoryManager": {"enabled": False}}))
            except Exception:  # IPython missing or unable to start here: the cell magics are skipped
                self._shell = None
        return self._shell

    def __call__(self) -> None:
        for cell in self.notebook.code_cells:
            self._run(cell)

    def _run(self, cell: Cell) -> None:
        filename = f"{self.display}:cell {cell.number}"
        # Every row with its line break, as linecache reads files: the traceback's carets count on it.
        rows = [row if row.endswith("\n") else row + "\n" for row in cell.source.splitlines()]
        linecache.cache[filename] = (len(cell.source), None, rows, filename)
        magic = _CELL_MAGIC.match(cell.source.lstrip("\r\n\t "))
        if magic is not None:
            self._cell_magic(cell, magic)
            return
        text = _LINE_BREAK.sub("\n", transform(cell.source).text)
        code = self._compile(text, cell, filename)
        exec(code, self.namespace)  # noqa: S102 - running the user's notebook is the point

    def _compile(self, text: str, cell: Cell, filename: str) -> Any:
        from .runner import compile_instrumented

        return compile_instrumented(
            text, filename, self.namespace, lambda: self.cells.instrument(text, cell.number, filename, cell.source), self.recorder
        )

    def _cell_magic(self, cell: Cell, magic: re.Match[str]) -> None:
        name = magic.group("name")
        shell = self.shell()
        if shell is None:
            sys.stderr.write(
                f"shapelint run: {self.display}:cell {cell.number}: skipped: `%%{name}` needs IPython (pip install ipython)\n"
            )
            return
        shell.run_cell_magic(name, magic.group("args"), magic.string[magic.end() :])


__all__ = ["NotebookError", "NotebookRun"]
