"""SL003 ambiguous-broadcast: a legal broadcast of a rank-1 array that is likely unintended."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..domain import Known, Sym, certainly_different, same_length
from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import atom, code, event_at, observed_length, operand_notes, rank1_origins, shape, untransposed

OPERATOR_VERBS = {"+": "adds", "-": "subtracts", "*": "multiplies", "/": "divides"}

def explicit_here(node: cst.CSTNode, value: Array) -> bool:
    """The operand's axes are laid out in this very expression (`x[:, None]`, `v.reshape(1, -1)`)."""
    return value.explicit and not isinstance(node, cst.Name)


def reduced_from(vector: Array, other: Array) -> bool:
    """`vector` is an un-kept reduction of `other` itself (`A.sum(axis=1)` against `A`, `B = A` included)."""
    reduced = vector.reduced
    return (
        reduced is not None
        and reduced.source is not None
        and other.rank == reduced.source_rank
        and other.root is not None
        and other.root == reduced.source
    )


def leading_reduction_of(vector: Array, other: Array) -> bool:
    """`A / A.sum(axis=0)`: reducing the leading axes of `A` broadcasts back correctly for any shape.

    Only against the array it came from: `test - train.mean(axis=0)` is a
    different array that may have its lengths in another order.
    """
    reduced = vector.reduced
    return reduced is not None and reduced.axes == tuple(range(len(reduced.axes))) and reduced_from(vector, other)


def reduced_against_its_transpose(analysis: Analysis, vector: Array, other: Array) -> bool:
    """`(K.T / K.sum(axis=1)).T`: what is left of `K` lines up with the last axis of `K.T`, for any shape."""
    reduced = vector.reduced
    if reduced is None or reduced.source is None or reduced.source_rank != 2 or reduced.axes != (1,):
        return False
    flipped = event_at(analysis.transposes, other.root) if other.root is not None else None
    return (
        flipped is not None
        and isinstance(flipped.operand.value, Array)
        and flipped.operand.value.root is not None
        and flipped.operand.value.root == reduced.source
    )


class AmbiguousBroadcast(Rule):
    code = "SL003"
    name = "ambiguous-broadcast"
    severity = "warning"
    is_hazard = True
    summary = "a legal broadcast of a rank-1 array against a 2-D+ array that is likely unintended"
    doc = """\
## What it does
Flags an elementwise operation between a rank-1 array and an array of rank 2
or more when either the result differs from both operands (`(5,) + (5, 1)`
gives `(5, 5)`), or the rank-1 length matches more than one axis of the
other operand (`(4, 4) / (4,)`), so the reader cannot tell which axis was meant.
It stays quiet for length-1 operands, for operands whose axes the same
expression lays out (`x[:, None] - y`, `v.reshape(1, -1)`), and for a
reduction over the leading axis broadcast back against the array it came
from (`A / A.sum(axis=0)`; the same array by identity, so after `B = A`,
`B / A.sum(axis=0)` is quiet too, and a rebound `A` is another array). A
reduction that meets any other array is judged by that broadcast's real
shapes: `b - lr * db` with `b` (3, 1) and `db` (3,) makes a (3, 3) table.

## Why is this bad?
numpy aligns a rank-1 array with the *last* axis. `b + c` with `(5,)` and
`(5, 1)` silently becomes a `(5, 5)` table instead of failing, and
`(4, 4) / (4,)` divides columns even if rows were meant. Nothing raises;
the numbers are just wrong.

## Example
```python
a = np.random.rand(5)
col = np.random.rand(5, 1)
total = a + col          # (5, 5)
```

## Use instead
```python
a = np.random.rand(5, 1)
total = a + col          # (5, 1)
```

## Fix safety
No automatic fix: only the author knows which axis was meant.
"""
    invalid = (
        Example(
            'import numpy as np\na = np.random.rand(5)\ncol = np.random.rand(5, 1)\nt = a + col\n',
            at='a + col',
            says='`a + col` broadcasts (5,) with (5, 1) into a (5, 5) table',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((4, 4))\nv = np.arange(4)\nB = A / v\n',
            at='A / v',
            says='`A / v` aligns (4,) with the last axis of (4, 4), but its length 4 matches 2 axes',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.zeros(3)\ny = np.ones((3, 1))\nd = y - x\n',
            at='y - x',
            says='`y - x` broadcasts (3, 1) with (3,) into a (3, 3) table',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((3, 3))\nw = np.ones(3)\nB = A * w\n',
            at='A * w',
            says='`A * w` aligns (3,) with the last axis of (3, 3), but its length 3 matches 2 axes',
            fixed=None,
        ),
        Example(
            'import numpy as np\nb = np.zeros((3, 1))\ndz = np.ones((3, 10))\ndb = np.sum(dz, axis=1)\nb = b - 0.1 * db\n',
            at='b - 0.1 * db',
            says='`b - 0.1 * db` broadcasts (3, 1) with (3,) into a (3, 3) table',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((4, 4))\nT = np.ones((4, 4))\nB = T - A.mean(axis=0)\n',
            at='T - A.mean(axis=0)',
            says='`T - A.mean(axis=0)` aligns (4,) with the last axis of (4, 4), but its length 4 matches 2 axes',
            fixed=None,
        ),
        Example(
            'import numpy as np\nn = 6\nu = np.zeros(n)\nM = np.ones((n, 1))\nP = u * M\n',
            at='u * M',
            says='`u * M` broadcasts (6,) with (6, 1) into a (6, 6) table',
            fixed=None,
        ),
    )
    valid = (
        "import numpy as np\nA = np.ones((3, 4))\nv = np.ones(4)\nB = A / v\n",
        "import numpy as np\nA = np.ones((3, 4))\nB = A / A.sum(axis=0)\n",
        "import numpy as np\nA = np.ones((4, 4))\nB = A\nC = B / A.sum(axis=0)\n",
        "import numpy as np\nX = np.ones((5, 3))\nY = np.ones((7, 3))\nD = -2 * X @ Y.T + np.sum(Y ** 2, axis=1)\n",
        "import numpy as np\nY = np.ones((7, 3))\nQ = (Y.T / Y.sum(axis=1)).T\n",
        "import numpy as np\nK = np.random.rand(4, 4)\nP = (K.T / K.sum(axis=1)).T\n",
        "import numpy as np\nX = np.random.rand(5, 5)\nZ = (X - X.mean(0)) / X.std(0)\n",
        "import numpy as np\nx = np.zeros(3)\ny = np.ones(4)\nd = x[:, None] - y\n",
        "import numpy as np\nv = np.ones(5)\nM = np.ones((5, 1))\nP = v.reshape(1, -1) + M\n",
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones(1)\nB = A + b\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 7))\nb = np.zeros((4, 1))\nZ = np.dot(W, X) + b\n",
    )

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for event in analysis.elementwise:
            if event.error is not None or not isinstance(event.result, Array):
                continue
            arrays = [o for o in event.operands if isinstance(o.value, Array) and o.value.shape.axes is not None]
            if len(arrays) != 2 or len(arrays) != len(event.operands):
                continue
            for vec, other in (arrays, arrays[::-1]):
                v, m = vec.value, other.value
                assert isinstance(v, Array) and isinstance(m, Array) and v.shape.axes is not None
                if v.rank != 1 or (m.rank or 0) < 2:
                    continue
                length = v.shape.axes[0]
                if not isinstance(length, (Known, Sym)):
                    continue
                if same_length(length, Known(1)) or explicit_here(vec.node, v) or explicit_here(other.node, m):
                    continue
                if leading_reduction_of(v, m) or reduced_against_its_transpose(analysis, v, m):
                    continue
                result = event.result
                grows = certainly_different(result.shape, m.shape)
                matches = sum(1 for axis in m.shape.axes or () if same_length(axis, length))
                expression = code(analysis, event.node)
                first, second = arrays
                vector = atom(analysis, vec.node)
                if grows:
                    message = (
                        f"`{expression}` broadcasts {shape(first.value)} with {shape(second.value)} "
                        f"into a {shape(result)} table"
                    )
                    help_text = (
                        f"if an elementwise result was meant, make `{vector}` a column with `.reshape(-1, 1)`; "
                        f"if the {shape(result)} table was meant, say so: `{vector}.reshape(1, -1)`"
                    )
                    consequence = f"makes a {shape(result)} table"
                elif matches >= 2:
                    message = (
                        f"`{expression}` aligns {shape(v)} with the last axis of {shape(m)}, "
                        f"but its length {length} matches {matches} axes"
                    )
                    help_text = (
                        f"say which axis: `{vector}.reshape(1, -1)` for the last, "
                        f"`{vector}.reshape(-1, 1)` for the first"
                    )
                    consequence = f"may align {shape(v)} with the wrong axis of {shape(m)}"
                else:
                    continue
                yield Report(
                    node=event.node,
                    message=message,
                    help=help_text,
                    notes=operand_notes(analysis, arrays),
                    origins=rank1_origins(arrays),
                    consequence=consequence,
                )
                break

    @classmethod
    def concrete_action(cls, report: Report, analysis: Analysis) -> str | None:
        event = event_at(analysis.elementwise, report.node)
        if event is None:
            return None
        arrays = [o for o in event.operands if isinstance(o.value, Array) and o.value.shape.axes is not None]
        for vector, other in (arrays, arrays[::-1]) if len(arrays) == 2 else ():
            n = observed_length(vector.value)
            if n is None or not isinstance(other.value, Array) or (other.value.rank or 0) < 2:
                continue
            v = atom(analysis, vector.node)
            if isinstance(event.result, Array) and event.result.shape != other.value.shape:
                return (
                    f"if an elementwise result was meant, make `{code(analysis, vector.node)}` a column: `{v}.reshape({n}, 1)`; "
                    f"if the {shape(event.result)} table was meant, say so: `{v}.reshape(1, {n})`"
                )
            return f"say which axis: `{v}.reshape(1, {n})` for the last, `{v}.reshape({n}, 1)` for the first"
        return None
