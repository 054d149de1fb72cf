"""SL007 misaligned-reduction: `A / A.sum(axis=1)` without keepdims."""

from __future__ import annotations

from typing import Iterable

from ..values import Array
from ._base import Report, Rule
from ._text import code, shape
from .sl001_rank1_array import add_keepdims


class MisalignedReduction(Rule):
    code = "SL007"
    name = "misaligned-reduction"
    severity = "warning"
    summary = "a reduction over a non-leading axis without keepdims=True broadcast back against the array"
    doc = """\
## What it does
Flags a reduction over a non-leading axis without `keepdims=True`
(`A.sum(axis=1)`, `X.mean(axis=-1)`) used in an elementwise operation with an
array of the rank it came from.

## Why is this bad?
The reduction drops the axis, and numpy then aligns what is left with the
*last* axis of the other operand, not the one that was reduced. `A /
A.sum(axis=1)` with `A` of shape `(3, 4)` raises; with `(4, 4)` it runs and
silently divides each column by a row sum.

## Example
```python
A = np.random.rand(4, 4)
P = A / A.sum(axis=1)
```

## Use instead
```python
P = A / A.sum(axis=1, keepdims=True)
```

## Fix safety
The fix adds `keepdims=True` to the reduction. Where the reduction's result
is also used elsewhere its shape changes there too, so the fix is unsafe.
"""
    invalid = (
        "import numpy as np\nA = np.random.rand(4, 4)\nP = A / A.sum(axis=1)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1)\n",
        "import numpy as np\nX = np.ones((5, 5))\nZ = X - X.mean(axis=-1)\n",
        "import numpy as np\nX = np.ones((6, 6))\ns = X.max(axis=1)\nY = X - s\n",
        "import numpy as np\nX = np.ones((2, 3, 3))\nY = X / np.sum(X, axis=2)\n",
    )
    valid = (
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1, keepdims=True)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=0)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum()\n",
        "import numpy as np\nA = np.random.rand(3, 4)\ns = A.sum(axis=1)\nt = s * 2\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1)[:, None]\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis) -> Iterable[Report]:
        for event in analysis.elementwise:
            arrays = [o for o in event.operands if isinstance(o.value, Array)]
            if len(arrays) != 2:
                continue
            for red, other in (arrays, arrays[::-1]):
                reduced = red.value.reduced
                if reduced is None or other.value.rank != reduced.source_rank:
                    continue
                if reduced.axes == tuple(range(len(reduced.axes))):
                    continue  # leading axes: what remains lines up correctly
                call = reduced.node
                axes = ", ".join(str(a) for a in reduced.axes)
                outcome = (
                    "numpy raises"
                    if event.error
                    else "when the lengths coincide it silently works on the wrong axis"
                )
                reduction_text = code(analysis, call) if call is not None else code(analysis, red.node)
                message = (
                    f"`{reduction_text}` drops axis {axes} of a rank-{reduced.source_rank} array, so `{code(analysis, event.node)}` "
                    f"aligns {shape(red.value)} with the last axis of {shape(other.value)}: {outcome}"
                )
                replacements = ()
                fixed = None
                import libcst as cst

                if isinstance(call, cst.Call):
                    fixed_node = add_keepdims(call)
                    fixed = analysis.module.code_for_node(fixed_node)
                    replacements = ((call, fixed),)
                yield Report(
                    node=event.node,
                    message=message,
                    help=f"keep the reduced axis: `{fixed}`" if fixed else "pass `keepdims=True` to the reduction",
                    replacements=replacements,
                    fix_message="Add `keepdims=True`" if fixed else None,
                    supersedes=(("SL003", event.node), ("SL005", event.node)),
                )
                break
