"""SL007 misaligned-reduction: `A / A.sum(axis=1)` without keepdims."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import add_keepdims, code, operand_notes, rank1_origins, shape
from .sl003_ambiguous_broadcast import reduced_from


class MisalignedReduction(Rule):
    code = "SL007"
    name = "misaligned-reduction"
    severity = "warning"
    is_hazard = True
    summary = "a reduction over a non-leading axis without keepdims=True broadcast back against its own array, where numpy does not raise"
    doc = """\
## What it does
Flags a reduction over a non-leading axis without `keepdims=True`
(`A.sum(axis=1)`, `X.mean(axis=-1)`) broadcast back against the array it
reduced (the same array, or one computed elementwise from it:
`np.exp(S) / np.exp(S).sum(axis=1)`) where numpy does not raise: the lengths
coincide or are not known. Where numpy certainly raises, SL005 reports it.

## Why is this bad?
The reduction drops the axis, and numpy then aligns what is left with the
*last* axis of the other operand, not the one that was reduced. `A /
A.sum(axis=1)` with `A` of shape `(4, 4)` runs and silently divides each
column by a row sum (with `(3, 4)` it raises: SL005).

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
        Example(
            'import numpy as np\nA = np.random.rand(4, 4)\nP = A / A.sum(axis=1)\n',
            at='A / A.sum(axis=1)',
            says='`A.sum(axis=1)` drops axis 1 of (4, 4), so `A / A.sum(axis=1)` aligns (4,) with the last axis of (4, 4): where the lengths coincide it silently works on the wrong axis',
            fixed='import numpy as np\nA = np.random.rand(4, 4)\nP = A / A.sum(axis=1, keepdims=True)\n',
        ),
        Example(
            'import numpy as np\nS = np.random.rand(4, 4)\nP = np.exp(S) / np.exp(S).sum(axis=1)\n',
            at='np.exp(S) / np.exp(S).sum(axis=1)',
            says='`np.exp(S).sum(axis=1)` drops axis 1 of (4, 4), so `np.exp(S) / np.exp(S).sum(axis=1)` aligns (4,) with the last axis of (4, 4): where the lengths coincide it silently works on the wrong axis',
            fixed='import numpy as np\nS = np.random.rand(4, 4)\nP = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)\n',
        ),
        Example(
            'import numpy as np\nX = np.ones((5, 5))\nZ = X - X.mean(axis=-1)\n',
            at='X - X.mean(axis=-1)',
            says='`X.mean(axis=-1)` drops axis 1 of (5, 5), so `X - X.mean(axis=-1)` aligns (5,) with the last axis of (5, 5): where the lengths coincide it silently works on the wrong axis',
            fixed='import numpy as np\nX = np.ones((5, 5))\nZ = X - X.mean(axis=-1, keepdims=True)\n',
        ),
        Example(
            'import numpy as np\nX = np.ones((6, 6))\ns = X.max(axis=1)\nY = X - s\n',
            at='X - s',
            says='`X.max(axis=1)` drops axis 1 of (6, 6), so `X - s` aligns (6,) with the last axis of (6, 6): where the lengths coincide it silently works on the wrong axis',
            fixed='import numpy as np\nX = np.ones((6, 6))\ns = X.max(axis=1, keepdims=True)\nY = X - s\n',
        ),
        Example(
            'import numpy as np\nX = np.ones((3, 3, 3))\nY = X / np.sum(X, axis=2)\n',
            at='X / np.sum(X, axis=2)',
            says='`np.sum(X, axis=2)` drops axis 2 of (3, 3, 3), so `X / np.sum(X, axis=2)` aligns (3, 3) with the last axes of (3, 3, 3): where the lengths coincide it silently works on the wrong axis',
            fixed='import numpy as np\nX = np.ones((3, 3, 3))\nY = X / np.sum(X, axis=2, keepdims=True)\n',
        ),
    )
    valid = (
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1, keepdims=True)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=0)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum()\n",
        "import numpy as np\nA = np.random.rand(3, 4)\ns = A.sum(axis=1)\nt = s * 2\n",
        "import numpy as np\nY = np.ones((7, 3))\nQ = (Y.T / Y.sum(axis=1)).T\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1)\n",
        "import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1)[:, None]\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for event in analysis.elementwise:
            if event.error is not None:
                continue  # numpy raises: SL005 says so, and gives the same fix
            arrays = [o for o in event.operands if isinstance(o.value, Array)]
            if len(arrays) != 2:
                continue
            for red, other in (arrays, arrays[::-1]):
                value, against = red.value, other.value
                assert isinstance(value, Array) and isinstance(against, Array)
                reduced = value.reduced
                if reduced is None or not reduced_from(value, against):
                    continue
                if reduced.axes == tuple(range(len(reduced.axes))):
                    continue  # leading axes: what remains lines up correctly
                call = reduced.node
                axes = ", ".join(str(a) for a in reduced.axes)
                reduction_text = code(analysis, call) if call is not None else code(analysis, red.node)
                message = (
                    f"`{reduction_text}` drops axis {axes} of {shape(against)}, so `{code(analysis, event.node)}` "
                    f"aligns {shape(value)} with the last {'axis' if value.rank == 1 else 'axes'} of {shape(against)}: "
                    "where the lengths coincide it silently works on the wrong axis"
                )
                replacements: tuple[tuple[cst.CSTNode, str], ...] = ()
                fixed = None
                if isinstance(call, cst.Call):
                    fixed = analysis.module.code_for_node(add_keepdims(call))
                    replacements = ((call, fixed),)
                yield Report(
                    node=event.node,
                    message=message,
                    help=f"keep the reduced axis: `{fixed}`" if fixed else "pass `keepdims=True` to the reduction",
                    replacements=replacements,
                    fix_message="Add `keepdims=True`" if fixed else None,
                    supersedes=(("SL003", event.node),),
                    notes=operand_notes(analysis, arrays),
                    origins=rank1_origins(arrays),
                    consequence="works on the wrong axis where the lengths coincide",
                )
                break
