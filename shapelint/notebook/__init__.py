"""Jupyter notebooks: lint, infer shapes and fix `.ipynb` files, code cells in order as one program.

    findings = lint_notebook(text, "course.ipynb")      # each Finding has its `cell`
    rows = infer_notebook_shapes(Path("course.ipynb"), "course.ipynb")

Notebooks are read as JSON and never executed. `_format` reads the file and
writes fixed cell sources back into it, `_ipython` turns IPython's syntax
into Python, `_program` joins the cells and maps positions back to them,
and `_check` is what `shapelint check` calls (noqa, fixes and diffs per cell).
"""

from ._check import NotebookSource, fix_notebook, notebook_diff
from ._format import Cell, Notebook, NotebookFormatError, read_notebook
from ._ipython import transform
from ._program import build_program, infer_notebook_shapes, lint_notebook

SUFFIX = ".ipynb"

__all__ = [
    "SUFFIX",
    "Cell",
    "Notebook",
    "NotebookFormatError",
    "NotebookSource",
    "build_program",
    "fix_notebook",
    "infer_notebook_shapes",
    "lint_notebook",
    "notebook_diff",
    "read_notebook",
    "transform",
]
