"""Notebooks written by the tests, with their data as `.npy` files beside them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np


def write_notebook(folder: Path, name: str, cells: list[str], *, language: str = "python") -> Path:
    """A notebook of these cells; a cell starting with `# md` is markdown (it takes a number, as in Jupyter)."""
    raw = []
    for index, source in enumerate(cells):
        text = textwrap.dedent(source).strip("\n")
        if text.startswith("# md"):
            raw.append({"cell_type": "markdown", "id": f"cell-{index}", "metadata": {}, "source": text[4:].strip()})
        else:
            lines = text.splitlines(True)
            raw.append(
                {"cell_type": "code", "execution_count": None, "id": f"cell-{index}", "metadata": {}, "outputs": [],
                 "source": lines}
            )
    notebook = {
        "cells": raw,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": language, "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1) + "\n")
    return path


def write_course_data(folder: Path) -> None:
    """`data/train_X.npy` (3 features, 20 examples) and `data/train_Y.npy` (1, 20) labels."""
    rng = np.random.default_rng(0)
    (folder / "data").mkdir(parents=True, exist_ok=True)
    np.save(folder / "data" / "train_X.npy", rng.random((3, 20)))
    np.save(folder / "data" / "train_Y.npy", (rng.random((1, 20)) > 0.5).astype(float))


# A logistic regression assignment whose shapes only the data knows: rank-1 weights (cell 4), a `.T` that
# does nothing (cell 5), and a bias of the wrong length that ends the run (cell 7). Cell 8 never runs.
COURSE = [
    "# md # Week 2: logistic regression",
    """\
    import numpy as np
    %precision 3
    !echo shell lines do not run
    """,
    """\
    X = np.load("data/train_X.npy")
    Y = np.load("data/train_Y.npy")
    n, m = X.shape
    print(X.shape, Y.shape)
    """,
    """\
    # initialize
    w = np.zeros(n)
    b = 0.0
    """,
    """\
    w_row = w.T
    A = 1 / (1 + np.exp(-(np.dot(w_row, X) + b)))
    print(A.shape)
    """,
    "# md ## A hidden layer",
    """\
    W1 = np.random.randn(4, n) * 0.01
    b1 = np.zeros(n)
    Z1 = W1 @ X + b1
    """,
    'print("after the error")',
]

# (code, cell, row, column) of every COURSE finding, and (cell, row) of the lines of the run's output.
COURSE_FINDINGS = {
    ("SL001", 4, 2, 5),
    ("SL002", 5, 1, 9),
    ("SL001", 7, 2, 6),
    ("SL005", 7, 3, 6),
}
