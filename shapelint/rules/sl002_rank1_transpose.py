"""SL002 rank-1-transpose: `.T` of a rank-1 array does nothing."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import (
    atom,
    code,
    declared_only,
    event_at,
    long_chain,
    observed_length,
    operand_notes,
    rank1_origins,
    shape,
    untransposed,
)


class RankOneTranspose(Rule):
    code = "SL002"
    name = "rank-1-transpose"
    severity = "warning"
    is_hazard = True
    summary = "`.T`, `.transpose()` or `np.transpose()` of a rank-1 array returns the same (n,) array"
    doc = """\
## What it does
Flags `.T`, `.transpose()` and `np.transpose(...)` applied to a rank-1 array.

## Why is this bad?
Transposing reverses the axes, and a rank-1 array `(n,)` has only one: the
result is the same `(n,)` array. Code that writes `a.T` expects a row from a
column (or back) and gets neither, so a later product or broadcast computes
something else than intended.

## Example
```python
a = np.random.rand(5)
row = a.T
```

## Use instead
```python
a = np.random.rand(5, 1)
row = a.T            # (1, 5)
# or, keeping `a` rank-1:
row = a.reshape(1, -1)
```

## Fix safety
The fix replaces `a.T` with `a.reshape(1, -1)`, a `(1, n)` row; that changes
the shape of the result, so it is unsafe.
"""
    invalid = (
        Example(
            'import numpy as np\na = np.random.rand(5)\nb = a.T\n',
            at='a.T',
            says='`a.T` is the same (5,) array: transposing a rank-1 array does nothing',
            fixed='import numpy as np\na = np.random.rand(5)\nb = a.reshape(1, -1)\n',
        ),
        Example(
            'import numpy as np\na = np.zeros(3)\nb = a.transpose()\n',
            at='a.transpose()',
            says='`a.transpose()` is the same (3,) array: transposing a rank-1 array does nothing',
            fixed='import numpy as np\na = np.zeros(3)\nb = a.reshape(1, -1)\n',
        ),
        Example(
            'import numpy as np\na = np.zeros(3)\nb = np.transpose(a)\n',
            at='np.transpose(a)',
            says='`np.transpose(a)` is the same (3,) array: transposing a rank-1 array does nothing',
            fixed='import numpy as np\na = np.zeros(3)\nb = a.reshape(1, -1)\n',
        ),
        Example(
            'import numpy as np\nA = np.ones((3, 4))\nr = A[0].T\n',
            at='A[0].T',
            says='`A[0].T` is the same (4,) array: transposing a rank-1 array does nothing',
            fixed='import numpy as np\nA = np.ones((3, 4))\nr = A[0].reshape(1, -1)\n',
        ),
        Example(
            'import numpy as np\nv = np.arange(4)\nw = v.T * 2\n',
            at='v.T',
            says='`v.T` is the same (4,) array: transposing a rank-1 array does nothing',
            fixed='import numpy as np\nv = np.arange(4)\nw = v.reshape(1, -1) * 2\n',
        ),
    )
    valid = (
        "import numpy as np\na = np.random.rand(5, 1)\nb = a.T\n",
        "import numpy as np\na = np.zeros(5)\nb = a.reshape(5, 1).T\n",
        "import numpy as np\nA = np.ones((3, 4))\nB = A.T\n",
        # A documented (n_samples,) that is 2-D on another branch (multilabel targets).
        'import numpy as np\n\ndef fit(y):\n    """\n    Parameters\n    ----------\n    y : array-like of shape (n_samples,)\n    """\n'
        "    return [np.unique(yk) for yk in y.T]\n",
        "import numpy as np\nA = np.ones((2, 3, 4))\nB = np.transpose(A, (0, 2, 1))\n",
        "def f(a):\n    return a.T\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for event in analysis.transposes:
            value = event.operand.value
            if not isinstance(value, Array) or value.rank != 1:
                continue
            if declared_only(value):
                # Documentation is looser than code: scikit-learn documents `y` as (n_samples,) and
                # transposes it where it is 2-D (`for yk in y.T` for multilabel targets).
                continue
            operand = event.operand.node
            node = event.node
            if isinstance(node, cst.Attribute) and long_chain(operand):
                # `a.T.T...T` a thousand links long: the edit replaces the `T` alone, so that the
                # fixes of all the links together stay as long as the source (not its square).
                fix = f"{code(analysis, operand)}.reshape(1, -1)"
                edit: tuple[cst.CSTNode, str] = (node.attr, "reshape(1, -1)")
            else:
                fix = f"{atom(analysis, operand)}.reshape(1, -1)"
                edit = (node, fix)
            yield Report(
                node=event.node,
                message=f"`{code(analysis, event.node)}` is the same {shape(value)} array: "
                "transposing a rank-1 array does nothing",
                help=f"for a (1, n) row use `{fix}`; better, make `{code(analysis, operand)}` a column where it is made",
                notes=operand_notes(analysis, [event.operand]),
                replacements=(edit,),
                fix_message=f"Use `{fix}`",
                origins=rank1_origins([event.operand]),
                consequence="does nothing",
            )

    @classmethod
    def concrete_action(cls, report: Report, analysis: Analysis) -> str | None:
        event = event_at(analysis.transposes, report.node)
        n = observed_length(event.operand.value) if event is not None else None
        if n is None:
            return None
        operand = atom(analysis, untransposed(analysis, report.node))
        row = f"{operand}.reshape(1, {n})"
        if report.replacements and report.replacements[0][1].endswith(".reshape(1, -1)"):
            report.replacements = ((report.replacements[0][0], row),)
            report.fix_message = f"Use `{row}`"
        return f"for a (1, {n}) row use `{row}`, for a ({n}, 1) column `{operand}.reshape({n}, 1)`"
