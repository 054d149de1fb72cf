"""SL006 matmul-shape-mismatch: a matrix product whose contracted axes differ."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..domain import same_length
from ..engine.facts import Analysis, Product
from ..values import Array, Value
from ._base import Example, Report, Rule
from ._text import atom, code, operand_notes, rank1_origins, shape


class MatmulShapeMismatch(Rule):
    code = "SL006"
    name = "matmul-shape-mismatch"
    severity = "error"
    is_hazard = True
    numpy_error = True
    summary = "`np.dot` / `@` / `np.matmul` / `.dot` whose contracted axes differ"
    doc = """\
## What it does
Flags a matrix product whose contracted lengths differ: the last axis of the
left operand and the first (for 2-D, the second-to-last) axis of the right,
such as `(3, 4) @ (3, 4)`.

## Why is this bad?
The product is undefined: numpy raises `ValueError: shapes not aligned` (for
`np.dot`) or `matmul: Input operand 1 has a mismatch in its core dimension`.
Usually one operand needs a transpose or the weights were created with their
axes swapped.

## Example
```python
W = np.random.randn(4, 3)
X = np.random.randn(4, 10)
Z = W @ X
```

## Use instead
```python
Z = W.T @ X              # (3, 4) @ (4, 10)
```

## Fix safety
No automatic fix: the help line shows a transpose that fits when there is one.
"""
    invalid = (
        Example(
            'import numpy as np\nA = np.ones((3, 4))\nB = np.ones((3, 4))\nC = A @ B\n',
            at='A @ B',
            says='`A @ B` multiplies (3, 4) by (3, 4): the contracted lengths 4 and 3 differ',
            fixed=None,
        ),
        Example(
            'import numpy as np\nW = np.ones((4, 3))\nX = np.ones((4, 10))\nZ = np.dot(W, X)\n',
            at='np.dot(W, X)',
            says='`np.dot(W, X)` multiplies (4, 3) by (4, 10): the contracted lengths 3 and 4 differ',
            fixed=None,
        ),
        Example(
            'import numpy as np\na = np.ones(3)\nb = np.ones(4)\nc = np.dot(a, b)\n',
            at='np.dot(a, b)',
            says='`np.dot(a, b)` multiplies (3,) by (4,): the contracted lengths 3 and 4 differ',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((2, 5))\nv = np.ones(4)\nc = A.dot(v)\n',
            at='A.dot(v)',
            says='`A.dot(v)` multiplies (2, 5) by (4,): the contracted lengths 5 and 4 differ',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((2, 3))\nB = np.ones((2, 3))\nC = np.matmul(A, B)\n',
            at='np.matmul(A, B)',
            says='`np.matmul(A, B)` multiplies (2, 3) by (2, 3): the contracted lengths 3 and 2 differ',
            fixed=None,
        ),
    )
    valid = (
        "import numpy as np\nA = np.ones((3, 4))\nB = np.ones((4, 2))\nC = A @ B\n",
        "import numpy as np\nA = np.ones((3, 4))\nB = np.ones((3, 4))\nC = A @ B.T\n",
        "import numpy as np\nA = np.ones((3, 4))\nv = np.ones(4)\nc = A @ v\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 7))\nZ = np.dot(W, X)\n",
        "def f(A, B):\n    return A @ B\n",
    )

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for event in analysis.products:
            if event.error is None:
                continue
            left, right = event.left, event.right
            expression = code(analysis, event.node)
            help_text = _transpose_hint(analysis, event)
            yield Report(
                node=event.node,
                message=f"`{expression}` multiplies {shape(left.value)} by {shape(right.value)}: {_contracted(left.value, right.value)}",
                help=help_text or "the last axis of the left operand must equal the first axis of the right one",
                notes=operand_notes(analysis, [left, right]),
                origins=rank1_origins([left, right]),
                consequence=f"multiplies {shape(left.value)} by {shape(right.value)}",
            )


def _contracted(left: Value, right: Value) -> str:
    if isinstance(left, Array) and isinstance(right, Array) and left.shape.axes and right.shape.axes:
        k = left.shape.axes[-1]
        j = right.shape.axes[-2] if len(right.shape.axes) >= 2 else right.shape.axes[0]
        return f"the contracted lengths {k} and {j} differ"
    return "the contracted lengths differ"


def _spell(analysis: Analysis, event: Product, left: str, right: str) -> str:
    """The product written as the source wrote it: `a @ b`, `np.dot(a, b)`, `numpy.dot(a, b)`, `a.dot(b)`."""
    node = event.node
    if isinstance(node, cst.BinaryOperation):
        return f"{left} @ {right}"
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.value is event.left.node:
            return f"{left}.{func.attr.value}({right})"
        return f"{analysis.module.code_for_node(func)}({left}, {right})"
    return f"{left} @ {right}"


def _transpose_hint(analysis: Analysis, event: Product) -> str | None:
    left, right = event.left.value, event.right.value
    if not isinstance(left, Array) or not isinstance(right, Array) or left.shape.rank != 2 or right.shape.rank != 2:
        return None
    (m, k), (p, q) = left.shape.axes, right.shape.axes  # type: ignore[misc]
    a, b = atom(analysis, event.left.node), atom(analysis, event.right.node)
    if same_length(k, q):
        return f"did you mean `{_spell(analysis, event, a, b + '.T')}`? ({m}, {k}) times ({q}, {p})"
    if same_length(m, p):
        return f"did you mean `{_spell(analysis, event, a + '.T', b)}`? ({k}, {m}) times ({p}, {q})"
    return None
