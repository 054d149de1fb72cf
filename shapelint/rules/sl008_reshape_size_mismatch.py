"""SL008 reshape-size-mismatch: reshape to another number of elements."""

from __future__ import annotations

from typing import Iterable

from ..domain import size
from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import code, operand_notes, rank1_origins, shape


class ReshapeSizeMismatch(Rule):
    code = "SL008"
    name = "reshape-size-mismatch"
    severity = "error"
    is_hazard = True
    numpy_error = True
    summary = "`reshape` to a shape of another size than the array, or with more than one -1"
    doc = """\
## What it does
Flags `reshape` (function or method) whose target shape has a different
number of elements than the array, or more than one `-1`.

## Why is this bad?
A reshape never adds or drops elements: numpy raises `ValueError: cannot
reshape array of size 12 into shape (5, 2)`. It usually means a length was
taken from the wrong array or axis.

## Example
```python
x = np.arange(12)
y = x.reshape(5, 2)
```

## Use instead
```python
y = x.reshape(6, 2)      # or x.reshape(-1, 2)
```

## Fix safety
No automatic fix: the right shape depends on what the data is.
"""
    invalid = (
        Example(
            'import numpy as np\nx = np.arange(12)\ny = x.reshape(5, 2)\n',
            at='x.reshape(5, 2)',
            says='`x.reshape(5, 2)`: cannot reshape an array of size 12 into shape (5, 2) (`x` is (12,), size 12)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.zeros((3, 4))\ny = np.reshape(x, (5,))\n',
            at='np.reshape(x, (5,))',
            says='`np.reshape(x, (5,))`: cannot reshape an array of size 12 into shape (5,) (`x` is (3, 4), size 12)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.zeros(6)\ny = x.reshape(-1, -1)\n',
            at='x.reshape(-1, -1)',
            says='`x.reshape(-1, -1)`: cannot reshape an array of size 6 into shape (-1, -1) (`x` is (6,), size 6)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.zeros((2, 5))\ny = x.reshape((3, -1))\n',
            at='x.reshape((3, -1))',
            says='`x.reshape((3, -1))`: cannot reshape an array of size 10 into shape (3, -1) (`x` is (2, 5), size 10)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.ones(7)\ny = x.reshape(7, 2)\n',
            at='x.reshape(7, 2)',
            says='`x.reshape(7, 2)`: cannot reshape an array of size 7 into shape (7, 2) (`x` is (7,), size 7)',
            fixed=None,
        ),
    )
    valid = (
        "import numpy as np\nx = np.arange(12)\ny = x.reshape(3, 4)\n",
        "import numpy as np\nx = np.arange(12)\ny = x.reshape(-1, 4)\n",
        "import numpy as np\nx = np.zeros(5)\ny = x.reshape(5, 1)\n",
        "import numpy as np\nx = np.zeros((3, 4))\ny = np.reshape(x, -1)\n",
        "def f(x, n):\n    return x.reshape(n, -1)\n",
    )

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for failure in analysis.failures:
            if failure.kind != "reshape":
                continue
            source = failure.operands[0].value if failure.operands else None
            reason = failure.message
            target = failure.details.get("target")
            if isinstance(target, tuple) and "size" in failure.details:
                wanted = "(" + ", ".join(str(a) for a in target) + ("," if len(target) == 1 else "") + ")"
                reason = f"cannot reshape an array of size {failure.details['size']} into shape {wanted}"
            detail = ""
            if isinstance(source, Array) and source.shape.axes is not None:
                detail = f" (`{code(analysis, failure.operands[0].node)}` is {shape(source)}, size {size(source.shape)})"
            yield Report(
                node=failure.node,
                message=f"`{code(analysis, failure.node)}`: {reason}{detail}",
                help="the new shape must have as many elements as the array; use -1 for one length to let numpy compute it",
                notes=operand_notes(analysis, failure.operands[:1]),
                origins=rank1_origins(failure.operands[:1]),
                consequence="cannot reshape it",
            )
