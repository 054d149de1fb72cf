"""SL005 broadcast-error: operands that cannot broadcast."""

from __future__ import annotations

from typing import Iterable

from ..domain import Known, Shape, format_shape, same_length
from ..values import Array
from ._base import Report, Rule
from ._text import code, origin_note, origins, shape


def suggested_column(vector: Array, other: Array) -> str | None:
    """The shape a rank-1 operand needs to line up with `other`'s rows: `(4, 1)`."""
    if vector.rank != 1 or other.rank is None or other.rank < 2:
        return None
    length = vector.shape.axes[0]
    for index, axis in enumerate(other.shape.axes[:-1]):
        if same_length(axis, length):
            axes = [Known(1)] * (other.rank - index)
            axes[0] = length
            return format_shape(Shape(tuple(axes)))
    return None


class BroadcastError(Rule):
    code = "SL005"
    name = "broadcast-error"
    severity = "error"
    summary = "operands that cannot broadcast: numpy raises ValueError"
    doc = """\
## What it does
Flags an elementwise operation (`+`, `*`, `np.maximum`, comparisons, ...)
whose operands' shapes cannot broadcast, such as `(3, 4) + (3,)`.

## Why is this bad?
numpy aligns shapes from the right and each pair of lengths must be equal
or 1. Otherwise the line raises `ValueError: operands could not be broadcast
together` when it runs.

## Example
```python
A = np.ones((3, 4))
b = np.ones(3)
C = A + b                # (3, 4) + (3,)
```

## Use instead
```python
b = np.ones((3, 1))
C = A + b                # (3, 4)
```

## Fix safety
No automatic fix: the help line names the shape the operand needs.
"""
    invalid = (
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones(3)\nC = A + b\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 10))\nb = np.zeros(3)\nZ = W @ X + b\n",
        "import numpy as np\nx = np.zeros(5)\ny = np.zeros(4)\nz = x * y\n",
        "import numpy as np\nA = np.ones((2, 3))\nB = np.ones((3, 2))\nC = np.maximum(A, B)\n",
        "import numpy as np\nA = np.ones((2, 3))\nm = A > np.zeros(2)\n",
    )
    valid = (
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones(4)\nC = A + b\n",
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones((3, 1))\nC = A + b\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 7))\nb = np.zeros((4, 1))\nZ = np.dot(W, X) + b\n",
        "import numpy as np\nA = np.ones((3, 4))\nC = A * 2.0\n",
        "def f(a, b):\n    return a + b\n",
    )

    def check(self, analysis) -> Iterable[Report]:
        targets = origins(analysis)
        for event in analysis.elementwise:
            if event.error is None:
                continue
            arrays = [o for o in event.operands if isinstance(o.value, Array)]
            shapes = " and ".join(f"{shape(o.value)}" for o in arrays)
            expression = code(analysis, event.node)
            help_text = None
            if len(arrays) == 2:
                for vec, other in (arrays, arrays[::-1]):
                    column = suggested_column(vec.value, other.value)
                    if column:
                        help_text = f"`{code(analysis, vec.node)}` must be {column}: `{code(analysis, vec.node)}.reshape{column}`"
                        break
                else:
                    for vec, other in (arrays, arrays[::-1]):
                        if vec.value.rank == 1 and (other.value.rank or 0) >= 2:
                            rows = other.value.shape.axes[0]
                            help_text = f"`{code(analysis, vec.node)}` is {shape(vec.value)}; a bias for these rows must be ({rows}, 1)"
                            break
            notes = []
            for o in arrays:
                note = origin_note(analysis, o.value, targets)
                if note:
                    notes.append(note)
            reason = _why(arrays)
            if reason == "numpy raises ValueError" and event.error:
                reason = event.error
            yield Report(
                node=event.node,
                message=f"`{expression}` cannot broadcast {shapes}: {reason}",
                help=help_text or "make the operands' trailing axes equal or 1",
                notes=tuple(notes),
                supersedes=(("SL003", event.node),),
            )


def _why(arrays) -> str:
    shapes = [o.value.shape for o in arrays if o.value.shape.axes is not None]
    if len(shapes) < 2:
        return "numpy raises ValueError"
    rank = max(len(s.axes) for s in shapes)
    for back in range(1, rank + 1):
        lengths = {s.axes[-back] for s in shapes if len(s.axes) >= back}
        known = {a.value for a in lengths if isinstance(a, Known) and a.value != 1}
        if len(known) > 1:
            a, b = sorted(known)[:2]
            return f"axis {-back} has lengths {a} and {b}"
    return "numpy raises ValueError"
