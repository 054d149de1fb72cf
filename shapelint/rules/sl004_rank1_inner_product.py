"""SL004 rank-1-inner-product: `np.dot(a, a.T)` of rank-1 arrays is a scalar, not a matrix."""

from __future__ import annotations

from typing import Iterable

from ._base import Report, Rule
from ._text import code, is_transpose, numpy_alias, origin_note, origins, shape, transposed_operand


class RankOneInnerProduct(Rule):
    code = "SL004"
    name = "rank-1-inner-product"
    severity = "warning"
    summary = "a product of two rank-1 arrays where a transpose shows a matrix was meant"
    doc = """\
## What it does
Flags `np.dot`, `@`, `np.matmul` and `.dot` of two rank-1 arrays where one
operand is transposed (`np.dot(a, a.T)`, `a.T @ a`).

## Why is this bad?
The transpose says the author pictured a column times a row, an `(n, n)`
matrix. But `a.T` of a rank-1 `(n,)` array is the same array, and the product
of two rank-1 arrays is their inner product: a single number.

## Example
```python
a = np.random.rand(5)
M = np.dot(a, a.T)       # a scalar
```

## Use instead
```python
a = np.random.rand(5)
M = np.outer(a, a)       # (5, 5)
# or keep a column: a = np.random.rand(5, 1); M = np.dot(a, a.T)
```

## Fix safety
The fix rewrites the product as `np.outer(a, b)`; the result changes from a
scalar to a matrix, so it is unsafe.
"""
    invalid = (
        "import numpy as np\na = np.random.rand(5)\nc = np.dot(a, a.T)\n",
        "import numpy as np\na = np.random.rand(5)\nc = a.T @ a\n",
        "import numpy as np\na = np.zeros(3)\nb = np.ones(3)\nc = np.dot(a.T, b)\n",
        "import numpy as np\na = np.zeros(3)\nc = a.dot(a.T)\n",
        "import numpy as np\na = np.zeros(3)\nc = np.matmul(a, np.transpose(a))\n",
    )
    valid = (
        "import numpy as np\na = np.random.rand(5, 1)\nc = np.dot(a, a.T)\n",
        "import numpy as np\na = np.random.rand(5)\nc = np.outer(a, a)\n",
        "import numpy as np\na = np.zeros(3)\nb = np.ones(3)\nc = np.dot(a, b)\n",
        "import numpy as np\nA = np.ones((3, 3))\na = np.ones(3)\nc = np.dot(A.T, a)\n",
        "import numpy as np\na = np.zeros(5)\nc = np.dot(a.reshape(5, 1), a.reshape(5, 1).T)\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis) -> Iterable[Report]:
        targets = origins(analysis)
        alias = numpy_alias(analysis.module)
        for event in analysis.products:
            left, right = event.left, event.right
            if event.error is not None:
                continue
            if shape(left.value) == "?" or shape(right.value) == "?":
                continue
            if left.value.shape.rank != 1 or right.value.shape.rank != 1:
                continue
            transposed = [o.node for o in (left, right) if is_transpose(o.node)]
            if not transposed:
                continue
            a = code(analysis, transposed_operand(left.node))
            b = code(analysis, transposed_operand(right.node))
            n = left.value.shape.axes[0]
            t = code(analysis, transposed[0])
            expression = code(analysis, event.node)
            notes = []
            for operand in (left, right):
                note = origin_note(analysis, operand.value, targets)
                if note and note not in notes:
                    notes.append(note)
            fix = f"{alias}.outer({a}, {b})" if alias else None
            yield Report(
                node=event.node,
                message=(
                    f"`{expression}` is a scalar, not a ({n}, {right.value.shape.axes[0]}) matrix: "
                    f"`{code(analysis, transposed_operand(transposed[0]))}` is {shape(left.value)}, so `{t}` is {shape(left.value)} too"
                ),
                help=f"for the outer product use `{fix or 'np.outer(' + a + ', ' + b + ')'}`, or make `{a}` a ({n}, 1) column",
                notes=tuple(notes),
                replacements=((event.node, fix),) if fix else (),
                fix_message=f"Use `{fix}`" if fix else None,
                supersedes=tuple(("SL002", node) for node in transposed),
            )
