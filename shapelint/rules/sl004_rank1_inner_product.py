"""SL004 rank-1-inner-product: `np.dot(a, a.T)` of rank-1 arrays is a scalar, not a matrix."""

from __future__ import annotations

from typing import Iterable

from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import atom, code, event_at, numpy_alias, observed_length, operand_notes, rank1_origins, shape, transpose_at, untransposed


class RankOneInnerProduct(Rule):
    code = "SL004"
    name = "rank-1-inner-product"
    severity = "warning"
    is_hazard = True
    summary = "a product of two rank-1 arrays whose right operand is transposed: a scalar where a matrix was meant"
    doc = """\
## What it does
Flags `np.dot`, `@`, `np.matmul` and `.dot` of two rank-1 arrays whose
right operand is transposed (`np.dot(a, a.T)`, `u @ v.T`). With the transpose
on the left (`np.dot(u.T, v)`, `w.T @ w`) the author wrote an inner product
and the scalar is right; SL002 then says the `.T` does nothing.

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
        Example(
            'import numpy as np\na = np.random.rand(5)\nc = np.dot(a, a.T)\n',
            at='np.dot(a, a.T)',
            says='`np.dot(a, a.T)` is a scalar, not a (5, 5) matrix: `a` is (5,), so `a.T` is (5,) too',
            fixed='import numpy as np\na = np.random.rand(5)\nc = np.outer(a, a)\n',
        ),
        Example(
            'import numpy as np\nu = np.random.rand(5)\nv = np.random.rand(5)\nc = u @ v.T\n',
            at='u @ v.T',
            says='`u @ v.T` is a scalar, not a (5, 5) matrix: `v` is (5,), so `v.T` is (5,) too',
            fixed='import numpy as np\nu = np.random.rand(5)\nv = np.random.rand(5)\nc = np.outer(u, v)\n',
        ),
        Example(
            'import numpy\na = numpy.zeros(3)\nc = numpy.dot(a, numpy.transpose(a))\n',
            at='numpy.dot(a, numpy.transpose(a))',
            says='`numpy.dot(a, numpy.transpose(a))` is a scalar, not a (3, 3) matrix: `a` is (3,), so `numpy.transpose(a)` is (3,) too',
            fixed='import numpy\na = numpy.zeros(3)\nc = numpy.outer(a, a)\n',
        ),
        Example(
            'import numpy as np\na = np.zeros(3)\nc = a.dot(a.T)\n',
            at='a.dot(a.T)',
            says='`a.dot(a.T)` is a scalar, not a (3, 3) matrix: `a` is (3,), so `a.T` is (3,) too',
            fixed='import numpy as np\na = np.zeros(3)\nc = np.outer(a, a)\n',
        ),
        Example(
            'import numpy as np\na = np.zeros(3)\nc = np.matmul(a, np.transpose(a))\n',
            at='np.matmul(a, np.transpose(a))',
            says='`np.matmul(a, np.transpose(a))` is a scalar, not a (3, 3) matrix: `a` is (3,), so `np.transpose(a)` is (3,) too',
            fixed='import numpy as np\na = np.zeros(3)\nc = np.outer(a, a)\n',
        ),
    )
    valid = (
        "import numpy as np\na = np.random.rand(5, 1)\nc = np.dot(a, a.T)\n",
        "import numpy as np\na = np.random.rand(5)\nc = np.outer(a, a)\n",
        "import numpy as np\na = np.zeros(3)\nb = np.ones(3)\nc = np.dot(a.T, b)\n",
        "import numpy as np\nw = np.zeros(3)\nc = w.T @ w\n",
        "import numpy as np\nw = np.zeros(3)\nc = w.T.dot(w)\n",
        "import numpy as np\nA = np.ones((3, 3))\na = np.ones(3)\nc = np.dot(A.T, a)\n",
        "import numpy as np\na = np.zeros(5)\nc = np.dot(a.reshape(5, 1), a.reshape(5, 1).T)\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis: Analysis) -> Iterable[Report]:
        alias = numpy_alias(analysis.module)
        for event in analysis.products:
            left, right = event.left, event.right
            if event.error is not None or not isinstance(left.value, Array) or not isinstance(right.value, Array):
                continue
            if left.value.rank != 1 or right.value.rank != 1:
                continue
            # Only a transpose on the right pictures a column times a row; `u.T @ v` is an inner product.
            transposed = transpose_at(analysis, right.node)
            if transposed is None:
                continue
            a = code(analysis, left.node)
            b = code(analysis, transposed.operand.node)
            n, m = left.value.shape.axes[0], right.value.shape.axes[0]  # type: ignore[index]
            t = code(analysis, right.node)
            outer = f"{alias}.outer({a}, {b})" if alias else None
            yield Report(
                node=event.node,
                message=(
                    f"`{code(analysis, event.node)}` is a scalar, not a ({n}, {m}) matrix: "
                    f"`{b}` is {shape(right.value)}, so `{t}` is {shape(right.value)} too"
                ),
                help=f"for the outer product use `{outer or f'outer({a}, {b})'}`, or make `{a}` a ({n}, 1) column",
                notes=operand_notes(analysis, [left, right]),
                replacements=((event.node, outer),) if outer else (),
                fix_message=f"Use `{outer}`" if outer else None,
                supersedes=(("SL002", right.node),),
                origins=rank1_origins([left, right]),
                consequence=f"is a scalar, not a ({n}, {m}) matrix",
            )

    @classmethod
    def concrete_action(cls, report: Report, analysis: Analysis) -> str | None:
        event = event_at(analysis.products, report.node)
        if event is None:
            return None
        n, m = observed_length(event.left.value), observed_length(event.right.value)
        if n is None or m is None:
            return None
        a = atom(analysis, untransposed(analysis, event.right.node))
        outer = report.replacements[0][1] if report.replacements else f"np.outer({a}, {a})"
        return f"for the ({n}, {m}) matrix use `{outer}`, or make `{code(analysis, event.left.node)}` a column: `{a}.reshape({n}, 1)`"
