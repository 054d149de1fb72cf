"""SL005 broadcast-error: operands that cannot broadcast."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..domain import Axis, Known, Shape, format_shape, same_length
from ..engine.facts import Analysis, Operand
from ..values import Array
from ._base import Example, Report, Rule
from ._text import add_keepdims, code, operand_notes, rank1_origins, shape
from .sl003_ambiguous_broadcast import reduced_from


def suggested_column(vector: Array, other: Array) -> str | None:
    """The shape a rank-1 operand needs to line up with `other`'s rows: `(4, 1)`."""
    if vector.rank != 1 or other.rank is None or other.rank < 2:
        return None
    assert vector.shape.axes is not None and other.shape.axes is not None
    length = vector.shape.axes[0]
    for index, axis in enumerate(other.shape.axes[:-1]):
        if same_length(axis, length):
            axes: list[Axis] = [Known(1)] * (other.rank - index)
            axes[0] = length
            return format_shape(Shape(tuple(axes)))
    return None


class BroadcastError(Rule):
    code = "SL005"
    name = "broadcast-error"
    severity = "error"
    is_hazard = True
    numpy_error = True
    summary = "operands that cannot broadcast: numpy raises ValueError"
    doc = """\
## What it does
Flags an elementwise operation (`+`, `*`, `np.maximum`, comparisons, ...)
whose operands' shapes cannot broadcast, such as `(3, 4) + (3,)`, whatever
made the operands: `A / A.sum(axis=1)` with `A` of shape `(3, 4)` is one too,
and its help (and fix) adds `keepdims=True` to the reduction.

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
Only a reduction broadcast back against its own array has a fix
(`keepdims=True`); it changes the reduction's shape, so it is unsafe.
Otherwise the help line names the shape the operand needs.
"""
    invalid = (
        Example(
            'import numpy as np\nA = np.ones((3, 4))\nb = np.ones(3)\nC = A + b\n',
            at='A + b',
            says='`A + b` cannot broadcast (3, 4) and (3,): axis -1 has lengths 3 and 4',
            fixed=None,
        ),
        Example(
            'import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 10))\nb = np.zeros(3)\nZ = W @ X + b\n',
            at='W @ X + b',
            says='`W @ X + b` cannot broadcast (4, 10) and (3,): axis -1 has lengths 3 and 10',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.zeros(5)\ny = np.zeros(4)\nz = x * y\n',
            at='x * y',
            says='`x * y` cannot broadcast (5,) and (4,): axis -1 has lengths 4 and 5',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((2, 3))\nB = np.ones((3, 2))\nC = np.maximum(A, B)\n',
            at='np.maximum(A, B)',
            says='`np.maximum(A, B)` cannot broadcast (2, 3) and (3, 2): axis -1 has lengths 2 and 3',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((2, 3))\nm = A > np.zeros(2)\n',
            at='A > np.zeros(2)',
            says='`A > np.zeros(2)` cannot broadcast (2, 3) and (2,): axis -1 has lengths 2 and 3',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1)\n',
            at='A / A.sum(axis=1)',
            says='`A / A.sum(axis=1)` cannot broadcast (3, 4) and (3,): axis -1 has lengths 3 and 4',
            fixed='import numpy as np\nA = np.random.rand(3, 4)\nP = A / A.sum(axis=1, keepdims=True)\n',
        ),
    )
    valid = (
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones(4)\nC = A + b\n",
        "import numpy as np\nA = np.ones((3, 4))\nb = np.ones((3, 1))\nC = A + b\n",
        "import numpy as np\nW = np.ones((4, 3))\nX = np.ones((3, 7))\nb = np.zeros((4, 1))\nZ = np.dot(W, X) + b\n",
        "import numpy as np\nA = np.ones((3, 4))\nC = A * 2.0\n",
        "def f(a, b):\n    return a + b\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for event in analysis.elementwise:
            if event.error is None:
                continue
            arrays = [o for o in event.operands if isinstance(o.value, Array)]
            shapes = " and ".join(f"{shape(o.value)}" for o in arrays)
            expression = code(analysis, event.node)
            help_text = None
            replacements: tuple[tuple[cst.CSTNode, str], ...] = ()
            if len(arrays) == 2:
                help_text, replacements = _keepdims_help(analysis, arrays)
                if help_text is None:
                    help_text = _column_help(analysis, arrays)
            reason = _why(arrays)
            if reason == "numpy raises ValueError" and event.error:
                reason = event.error
            yield Report(
                node=event.node,
                message=f"`{expression}` cannot broadcast {shapes}: {reason}",
                help=help_text or "make the operands' trailing axes equal or 1",
                notes=operand_notes(analysis, arrays),
                replacements=replacements,
                fix_message="Add `keepdims=True`" if replacements else None,
                supersedes=(("SL003", event.node), ("SL007", event.node)),
                origins=rank1_origins(arrays),
                consequence=f"cannot broadcast {shapes}",
            )


def _keepdims_help(analysis: Analysis, arrays: list[Operand]) -> tuple[str | None, tuple[tuple[cst.CSTNode, str], ...]]:
    """`A / A.sum(axis=1)`: the reduction of the other operand needs `keepdims=True`."""
    for red, other in (arrays, arrays[::-1]):
        value, against = red.value, other.value
        if not (isinstance(value, Array) and isinstance(against, Array) and reduced_from(value, against)):
            continue
        call = value.reduced.node if value.reduced is not None else None
        if isinstance(call, cst.Call):
            fixed = analysis.module.code_for_node(add_keepdims(call))
            return f"keep the reduced axis: `{fixed}`", ((call, fixed),)
        return "pass `keepdims=True` to the reduction", ()
    return None, ()


def _column_help(analysis: Analysis, arrays: list[Operand]) -> str | None:
    for vec, other in (arrays, arrays[::-1]):
        assert isinstance(vec.value, Array) and isinstance(other.value, Array)
        column = suggested_column(vec.value, other.value)
        if column:
            return f"`{code(analysis, vec.node)}` must be {column}: `{code(analysis, vec.node)}.reshape{column}`"
    for vec, other in (arrays, arrays[::-1]):
        assert isinstance(vec.value, Array) and isinstance(other.value, Array)
        if vec.value.rank == 1 and (other.value.rank or 0) >= 2 and other.value.shape.axes:
            rows = other.value.shape.axes[0]
            return f"`{code(analysis, vec.node)}` is {shape(vec.value)}; a bias for these rows must be ({rows}, 1)"
    return None


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
