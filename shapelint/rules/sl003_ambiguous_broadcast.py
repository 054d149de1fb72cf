"""SL003 ambiguous-broadcast: a legal broadcast of a rank-1 array that is likely unintended."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..domain import Known, Sym, certainly_different, same_length
from ..engine.facts import Operand
from ..values import Array
from ._base import Report, Rule
from ._text import code, origin_note, origins, shape

OPERATOR_VERBS = {"+": "adds", "-": "subtracts", "*": "multiplies", "/": "divides"}


def explicit_here(node: cst.CSTNode, value: Array) -> bool:
    """The operand's axes are laid out in this very expression (`x[:, None]`, `v.reshape(1, -1)`)."""
    return value.explicit and not isinstance(node, cst.Name)


def leading_reduction_of(analysis, vector: Array, other: Operand) -> bool:
    """`A / A.sum(axis=0)`: reducing the leading axes of `A` broadcasts back correctly for any shape.

    Only against the array it came from: `test - train.mean(axis=0)` is a
    different array that may have its lengths in another order.
    """
    reduced = vector.reduced
    if reduced is None or reduced.source_rank != other.value.rank or reduced.axes != tuple(range(len(reduced.axes))):
        return False
    source = _reduced_array(analysis, reduced.node)
    return source is None or analysis.module.code_for_node(source) == analysis.module.code_for_node(other.node)


def _reduced_array(analysis, call) -> cst.CSTNode | None:
    """`A` in `A.sum(axis=0)` (the receiver is an array) or `np.sum(A, axis=0)`."""
    if not isinstance(call, cst.Call):
        return None
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(analysis.value_of(func.value), Array):
        return func.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[0].value if positional else None


class AmbiguousBroadcast(Rule):
    code = "SL003"
    name = "ambiguous-broadcast"
    severity = "warning"
    summary = "a legal broadcast of a rank-1 array against a 2-D+ array that is likely unintended"
    doc = """\
## What it does
Flags an elementwise operation between a rank-1 array and an array of rank 2
or more when either the result differs from both operands (`(5,) + (5, 1)`
gives `(5, 5)`), or the rank-1 length matches more than one axis of the
other operand (`(4, 4) / (4,)`), so the reader cannot tell which axis was meant.
It stays quiet for length-1 operands, for operands whose axes the same
expression lays out (`x[:, None] - y`, `v.reshape(1, -1)`), and for a
reduction over the leading axis broadcast back (`A / A.sum(axis=0)`).

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
        "import numpy as np\na = np.random.rand(5)\ncol = np.random.rand(5, 1)\nt = a + col\n",
        "import numpy as np\nA = np.ones((4, 4))\nv = np.arange(4)\nB = A / v\n",
        "import numpy as np\nx = np.zeros(3)\ny = np.ones((3, 1))\nd = y - x\n",
        "import numpy as np\nA = np.ones((3, 3))\nw = np.ones(3)\nB = A * w\n",
        "import numpy as np\nn = 6\nu = np.zeros(n)\nM = np.ones((n, 1))\nP = u * M\n",
    )
    valid = (
        "import numpy as np\nA = np.ones((3, 4))\nv = np.ones(4)\nB = A / v\n",
        "import numpy as np\nA = np.ones((3, 4))\nB = A / A.sum(axis=0)\n",
        "import numpy as np\nx = np.zeros(3)\ny = np.ones(4)\nd = x[:, None] - y\n",
        "import numpy as np\nv = np.ones(5)\nM = np.ones((5, 1))\nP = v.reshape(1, -1) + M\n",
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones(1)\nB = A + b\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 7))\nb = np.zeros((4, 1))\nZ = np.dot(W, X) + b\n",
    )

    def check(self, analysis) -> Iterable[Report]:
        targets = origins(analysis)
        for event in analysis.elementwise:
            if event.error is not None or not isinstance(event.result, Array):
                continue
            arrays = [o for o in event.operands if isinstance(o.value, Array) and o.value.shape.axes is not None]
            if len(arrays) != 2 or len(arrays) != len(event.operands):
                continue
            for vec, other in (arrays, arrays[::-1]):
                v, m = vec.value, other.value
                if v.rank != 1 or (m.rank or 0) < 2:
                    continue
                length = v.shape.axes[0]
                if not isinstance(length, (Known, Sym)):
                    continue
                if same_length(length, Known(1)) or explicit_here(vec.node, v) or explicit_here(other.node, m):
                    continue
                if leading_reduction_of(analysis, v, other):
                    continue
                result = event.result
                grows = certainly_different(result.shape, m.shape)
                matches = sum(1 for axis in m.shape.axes if same_length(axis, length))
                expression = code(analysis, event.node)
                if grows:
                    message = f"`{expression}` broadcasts {shape(vec.value)} with {shape(other.value)} into {shape(result)}"
                    vector = code(analysis, vec.node)
                    help_text = (
                        f"if an elementwise result was meant, make `{vector}` a column with `.reshape(-1, 1)`; "
                        f"if the {shape(result)} table was meant, say so: `{vector}.reshape(1, -1)`"
                    )
                elif matches >= 2:
                    message = (
                        f"`{expression}` aligns {shape(vec.value)} with the last axis of {shape(other.value)}, "
                        f"but its length {length} matches {matches} axes"
                    )
                    help_text = (
                        f"say which axis: `{code(analysis, vec.node)}.reshape(1, -1)` for the last, "
                        f"`{code(analysis, vec.node)}.reshape(-1, 1)` for the first"
                    )
                else:
                    continue
                note = origin_note(analysis, v, targets)
                yield Report(node=event.node, message=message, help=help_text, notes=(note,) if note else ())
                break
