"""Write course_logreg.ipynb, a course-style notebook with planted shape bugs.

The notebook loads the .npy files that make_data.py writes beside it. The
expected findings are listed in README.md; `python make_notebook.py --rows`
prints the cell and row of every line a finding is expected on, so the README
can be checked against the cells after an edit.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CELLS = [
    ("markdown", """# Assignment 2: logistic regression from scratch

Train a logistic-regression classifier on the two-blob data set with plain numpy.
Each example is a **column** of `X`; labels are a row vector `Y` of shape `(1, m)`."""),
    ("code", """import numpy as np

X_raw = np.load("X_train_raw.npy")
Y = np.load("y_train.npy")
X_test_raw = np.load("X_test_raw.npy")
Y_test = np.load("y_test.npy")
print("X:", X_raw.shape, "Y:", Y.shape, "test:", X_test_raw.shape)"""),
    ("markdown", "## 1. Normalise the features (per feature, over the examples)"),
    ("code", """mu = X_raw.mean(axis=1, keepdims=True)
sd = X_raw.std(axis=1, keepdims=True)
X = (X_raw - mu) / sd
print(X.mean(axis=1).round(6), X.shape)"""),
    ("markdown", "## 2. Initialise the parameters"),
    ("code", """n_x, m = X.shape
w = np.zeros(n_x)
b = 0.0
print("w:", w.shape)"""),
    ("markdown", "## 3. Forward and backward propagation"),
    ("code", """def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    return dw, db, cost"""),
    ("markdown", "## 4. Gradient descent"),
    ("code", """learning_rate = 0.1
costs = []
for i in range(100):
    dw, db, cost = propagate(w, b, X, Y)
    w = w - learning_rate * dw
    b = b - learning_rate * db
    costs.append(cost)
print("final cost:", costs[-1], "w:", w.shape)"""),
    ("markdown", "## 5. A short report on the raw features"),
    ("code", """feature_mean = X_raw.mean(axis=1)
feature_std = X_raw.std(axis=1)
for name, mean, std in zip(["x1", "x2", "x3"], feature_mean, feature_std):
    print(f"{name}: mean {mean:.2f}, std {std:.2f}")"""),
    ("markdown", "## 6. Evaluate on the test set, normalised with the training statistics"),
    ("code", """X_test = (X_test_raw - feature_mean) / feature_std
A_test = 1.0 / (1.0 + np.exp(-(np.dot(w.T, X_test) + b)))
accuracy = np.mean((A_test > 0.5) == Y_test)
print(f"test accuracy: {accuracy:.2f}")"""),
]

# Lines a finding is expected on (see README.md), by a fragment unique in the notebook.
EXPECTED = {
    "w = np.zeros(n_x)": "SL001 (w, origin)",
    "A = sigmoid(np.dot(w.T, X) + b)": "SL002 (w.T)",
    "w = w - learning_rate * dw": "SL003 ((3,) - (3, 1))",
    "feature_mean = X_raw.mean(axis=1)": "SL001 (feature_mean, origin)",
    "X_test = (X_test_raw - feature_mean) / feature_std": "SL005 ((3, 10) - (3,))",
}


def notebook() -> dict:
    cells = []
    for index, (kind, text) in enumerate(CELLS, 1):
        lines = text.split("\n")
        cell = {
            "cell_type": kind,
            "id": f"cell-{index:02d}",
            "metadata": {},
            "source": [line + "\n" for line in lines[:-1]] + [lines[-1]],
        }
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def expected_rows() -> list[tuple[int, int, str, str]]:
    rows = []
    for index, (_, text) in enumerate(CELLS, 1):
        for row, line in enumerate(text.split("\n"), 1):
            for fragment, what in EXPECTED.items():
                if line.strip() == fragment:
                    rows.append((index, row, what, line.strip()))
    return rows


def main() -> None:
    if "--rows" in sys.argv:
        for cell, row, what, line in expected_rows():
            print(f"cell {cell} row {row}: {what}: {line}")
        return
    path = HERE / "course_logreg.ipynb"
    path.write_text(json.dumps(notebook(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
