"""SL011 annotation-shape-mismatch: a shape the code declares, contradicted by what it computes."""

from __future__ import annotations

from typing import Iterable

from ..engine.facts import Analysis
from ._base import Example, Report, Rule
from ._text import rank1_origins


class AnnotationShapeMismatch(Rule):
    code = "SL011"
    name = "annotation-shape-mismatch"
    severity = "error"
    # The runtime checker observes values, not declarations.
    runtime = False
    # A rank-1 array that contradicts a declaration is worth reporting where it was made.
    is_hazard = True
    summary = "a declared shape (docstring, jaxtyping, numpy typing, `assert x.shape == ...`) contradicted by the code"
    doc = """\
## What it does
Flags a value whose shape contradicts what the code itself declares about
it: a numpydoc `Parameters`/`Returns` entry (`X : ndarray of shape
(n_samples, n_features)`), a jaxtyping annotation (`Float[np.ndarray, "n
1"]`), a numpy typing annotation (`np.ndarray[tuple[int, int], ...]`), or an
`assert x.shape == ...` / `assert x.ndim == 2` that certainly fails. Named
axes (`n_samples`) are shared by every parameter and the return value of the
function: a call binds them from its arguments.

Flagged: a return value of another rank or length than declared, and a call
whose argument fits none of the declared alternatives (two arguments that
share `n_samples` with 3 and 4 rows). Where the declaration lists
alternatives (`(n_samples,) or (n_samples, n_outputs)`) only what no
alternative allows is reported.

## Why is this bad?
Either the code or its documentation is wrong, and callers trust the
documentation: a function documented to return `(n_samples, n_features)`
that returns `(n_features,)` breaks every caller that indexes its result as
documented, usually far from here.

## Example
```python
def center(X):
    \"\"\"
    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_features)
    \"\"\"
    return X.mean(axis=0)
```

## Use instead
```python
    return X - X.mean(axis=0)
```

## Fix safety
No automatic fix: only the author knows whether the code or the declaration is wrong.
"""
    invalid = (
        Example(
            'def center(X):\n    """\n    Parameters\n    ----------\n    X : ndarray of shape (n_samples, n_features)\n\n'
            '    Returns\n    -------\n    ndarray of shape (n_samples, n_features)\n    """\n    return X.mean(axis=0)\n',
            at="X.mean(axis=0)",
            says="`center` returns (n_features,), declared (n_samples, n_features)",
        ),
        Example(
            'import numpy as np\n\ndef fit(X, y):\n    """\n    Parameters\n    ----------\n'
            "    X : ndarray of shape (n_samples, n_features)\n    y : ndarray of shape (n_samples,)\n"
            '    """\n    return X.T @ y\n\nfit(np.zeros((3, 2)), np.zeros(4))\n',
            at="np.zeros(4)",
            says="`fit` argument `y` is (4,), declared (n_samples,) where n_samples=3",
        ),
        Example(
            'import numpy as np\nfrom jaxtyping import Float\n\ndef f(x: Float[np.ndarray, "n 1"]) -> Float[np.ndarray, "n 1"]:\n'
            "    return x.ravel()\n",
            at="x.ravel()",
            says="`f` returns (n,), declared (n, 1)",
        ),
        Example(
            "import numpy as np\n\ndef f(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int], np.dtype[np.float64]]:\n"
            "    return a\n",
            at="a",
            says="`f` returns (a.shape[0], a.shape[1]), declared (_,)",
        ),
        Example(
            "import numpy as np\nx = np.zeros((3, 4))\nassert x.shape == (4, 3)\n",
            at="x.shape == (4, 3)",
            says="`x.shape == (4, 3)` always fails: `x` is (3, 4), not (4, 3)",
        ),
        Example(
            "import numpy as np\nx = np.zeros(5)\nassert x.ndim == 2\n",
            at="x.ndim == 2",
            says="`x.ndim == 2` always fails: `x` has 1 axis, not 2",
        ),
    )
    valid = (
        'def center(X):\n    """\n    Parameters\n    ----------\n    X : ndarray of shape (n_samples, n_features)\n\n'
        '    Returns\n    -------\n    ndarray of shape (n_samples, n_features)\n    """\n    return X - X.mean(axis=0)\n',
        'import numpy as np\n\ndef fit(X, y):\n    """\n    Parameters\n    ----------\n'
        "    X : ndarray of shape (n_samples, n_features)\n"
        "    y : array-like of shape (n_samples,) or (n_samples, n_outputs)\n"
        '    """\n    return X.T @ y\n\nfit(np.zeros((3, 2)), np.zeros((3, 4)))\nfit(np.zeros((3, 2)), np.zeros(3))\n',
        'import numpy as np\nfrom jaxtyping import Float\n\ndef f(x: Float[np.ndarray, "*batch n"]) -> Float[np.ndarray, "*batch n+1"]:\n'
        "    return np.concatenate([x, x[..., :1]], axis=-1)\n",
        "import numpy as np\n\ndef f(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int], np.dtype[np.float64]]:\n"
        "    return a.sum(axis=0)\n",
        "import numpy as np\nx = np.zeros((3, 4))\nassert x.shape == (3, 4)\n",
        'def f(y):\n    """\n    Parameters\n    ----------\n    y : ndarray of shape (n,)\n    """\n'
        "    if y.ndim == 1:\n        y = y.reshape(-1, 1)\n    return y\n",
    )

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for failure in analysis.failures:
            if failure.kind != "declared":
                continue
            yield Report(
                node=failure.node,
                message=failure.message,
                help="make the code compute the declared shape, or correct the declaration",
                origins=rank1_origins(failure.operands),
                consequence="contradicts a declaration",
            )
