"""SL009 index-rank-mismatch: too many indices, or a constant index out of bounds."""

from __future__ import annotations

from typing import Iterable

from ..engine.facts import Analysis
from ._base import Example, Report, Rule
from ._text import code, operand_notes, rank1_origins, shape


class IndexRankMismatch(Rule):
    code = "SL009"
    name = "index-rank-mismatch"
    severity = "error"
    is_hazard = True
    numpy_error = True
    summary = "more indices than the array has axes, or a constant index outside a known axis length"
    doc = """\
## What it does
Flags indexing with more indices than the array has axes (`v[0, 1]` on a 1-D
`v`) and constant indices outside a known length (`x[5]` on a `(5,)` array).

## Why is this bad?
numpy raises `IndexError: too many indices for array` or `index 5 is out of
bounds for axis 0 with size 5`. A rank-1 array indexed as if it were a
matrix is the classic sign that it should have been made `(n, 1)`.

## Example
```python
v = np.zeros(5)
x = v[0, 0]
```

## Use instead
```python
v = np.zeros((5, 1))
x = v[0, 0]
```

## Fix safety
No automatic fix.
"""
    invalid = (
        Example(
            'import numpy as np\nv = np.zeros(5)\nx = v[0, 0]\n',
            at='v[0, 0]',
            says='`v[0, 0]`: too many indices for array: array is 1-dimensional, but 2 were indexed (`v` is (5,))',
            fixed=None,
        ),
        Example(
            'import numpy as np\nv = np.zeros(5)\nx = v[5]\n',
            at='v[5]',
            says='`v[5]`: index 5 is out of bounds for axis 0 with size 5 (`v` is (5,))',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.zeros((2, 3))\nx = A[0, 3]\n',
            at='A[0, 3]',
            says='`A[0, 3]`: index 3 is out of bounds for axis 1 with size 3 (`A` is (2, 3))',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.zeros((2, 3))\nx = A[:, :, 0]\n',
            at='A[:, :, 0]',
            says='`A[:, :, 0]`: too many indices for array: array is 2-dimensional, but 3 were indexed (`A` is (2, 3))',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.zeros((2, 3))\nx = A[-3]\n',
            at='A[-3]',
            says='`A[-3]`: index -3 is out of bounds for axis 0 with size 2 (`A` is (2, 3))',
            fixed=None,
        ),
    )
    valid = (
        "import numpy as np\nv = np.zeros(5)\nx = v[4]\n",
        # numpy's own `container`: a class with `ndim` and indexing of its own is not an array.
        "import numpy as np\nclass C:\n    def __init__(self, data):\n        self.array = np.asarray(data)\n"
        "        self.ndim = self.array.ndim\n    def __getitem__(self, i):\n        return self.array[i]\n"
        "    def scalar(self):\n        if self.ndim == 0:\n            return self[0]\n",
        "import numpy as np\nv = np.zeros(5)\nx = v[-5]\n",
        "import numpy as np\nA = np.zeros((2, 3))\nx = A[1, 2]\n",
        "import numpy as np\nA = np.zeros((2, 3))\nx = A[:, None, 0]\n",
        "import numpy as np\nv = np.zeros(5)\nx = v[10:20]\n",
    )

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for failure in analysis.failures:
            if failure.kind != "index":
                continue
            base = failure.operands[0] if failure.operands else None
            described = f" (`{code(analysis, base.node)}` is {shape(base.value)})" if base is not None else ""
            yield Report(
                node=failure.node,
                message=f"`{code(analysis, failure.node)}`: {failure.message}{described}",
                help="index with as many indices as the array has axes, each inside its length",
                notes=operand_notes(analysis, failure.operands[:1]),
                origins=rank1_origins(failure.operands[:1]),
                consequence="indexes it out of its shape",
            )
