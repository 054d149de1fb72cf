"""SL010 unvectorized-loop: an element-by-element loop that one numpy call does."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..values import Array
from ._base import Example, Report, Rule
from ._text import numpy_alias, shape

_SCALAR_BUILTINS = frozenset({"max", "min", "abs", "round", "float"})
_ARITHMETIC = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.Power)
_ACCUMULATE = (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign)


class _Loop:
    """What the body of a candidate loop does, if it is element-wise arithmetic only."""

    def __init__(self, analysis, alias: str | None) -> None:
        self.analysis = analysis
        self.alias = alias or "np"
        self.arrays: dict[str, Array] = {}
        self.accumulators: list[tuple[cst.AugAssign, cst.BaseExpression]] = []
        self.stores: list[tuple[cst.Subscript, cst.BaseExpression]] = []
        self.element_sums: list[tuple[cst.Subscript, cst.BaseExpression]] = []
        # Loop variables bound to the elements of a rank-1 array (`for v in a:`).
        self.elements: dict[str, str] = {}

    def body(self, loop: cst.For, variables: tuple[str, ...]) -> bool:
        if loop.orelse is not None or not isinstance(loop.target, cst.Name):
            return False
        if not _is_range(loop.iter):
            iterated = self.analysis.value_of(loop.iter) if isinstance(loop.iter, cst.Name) else None
            if not isinstance(iterated, Array) or iterated.rank != 1 or variables:
                return False
            if not isinstance(loop.iter, cst.Name) or not isinstance(loop.target, cst.Name):
                return False
            self.arrays[loop.iter.value] = iterated
            self.elements[loop.target.value] = loop.iter.value
        else:
            variables = variables + (loop.target.value,)
        statements = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else (loop.body,)
        for statement in statements:
            if isinstance(statement, cst.For):
                if not _is_range(statement.iter) or not self.body(statement, variables):
                    return False
                continue
            if not isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                return False
            for small in statement.body:
                if not self.small(small, variables):
                    return False
        return True

    def small(self, node: cst.CSTNode, variables: tuple[str, ...]) -> bool:
        if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name):
            if not isinstance(node.operator, _ACCUMULATE) or not self.expression(node.value, variables, need=True):
                return False
            self.accumulators.append((node, node.value))
            return True
        if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Subscript):
            # `C[i, j] += A[i, k] * B[k, j]`: a product accumulated element by element.
            if not isinstance(node.operator, _ACCUMULATE) or not self.indexed_by(node.target, variables):
                return False
            if not self.expression(node.value, variables, need=True):
                return False
            self.element_sums.append((node.target, node.value))
            return True
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Subscript):
            target = node.targets[0].target
            if not self.indexed_by(target, variables) or not self.expression(node.value, variables, need=False):
                return False
            self.stores.append((target, node.value))
            return True
        return False

    def indexed_by(self, node: cst.Subscript, variables: tuple[str, ...]) -> bool:
        """`a[i]`, `a[i, j]`, `w[i, 0]`: loop variables (each once) and int constants, on a known array."""
        used = []
        for element in node.slice:
            index = element.slice
            if not isinstance(index, cst.Index):
                return False
            if isinstance(index.value, cst.Integer):
                continue
            if not isinstance(index.value, cst.Name) or index.value.value not in variables:
                return False
            used.append(index.value.value)
        if not used or len(set(used)) != len(used) or not isinstance(node.value, cst.Name):
            return False
        value = self.analysis.value_of(node.value)
        if not isinstance(value, Array) or value.rank is None or value.rank < len(node.slice):
            return False
        self.arrays[node.value.value] = value
        return True

    def expression(self, node: cst.BaseExpression, variables: tuple[str, ...], need: bool) -> bool:
        found = [False]

        def ok(n: cst.BaseExpression, element: bool = False) -> bool:
            if isinstance(n, cst.Subscript):
                if self.indexed_by(n, variables) and (not element or self.is_element(n)):
                    found[0] = True
                    return True
                return False
            if isinstance(n, (cst.Integer, cst.Float)):
                return True
            if isinstance(n, cst.Name) and n.value in self.elements:
                found[0] = True
                return True
            if isinstance(n, cst.Name):
                value = self.analysis.value_of(n)
                return n.value not in variables and not isinstance(value, Array)
            if isinstance(n, cst.BinaryOperation):
                return isinstance(n.operator, _ARITHMETIC) and ok(n.left, element) and ok(n.right, element)
            if isinstance(n, cst.UnaryOperation):
                return isinstance(n.operator, (cst.Minus, cst.Plus)) and ok(n.expression, element)
            if isinstance(n, cst.Call) and self.elementwise_function(n):
                # `math.exp(x[i])`, `np.tanh(x[i])`, `max(0.0, z[i])`: elementwise numpy calls exist. Only on
                # elements: a call on a row (`rescale(img[i])`) may do per-row work no single call does.
                return bool(n.args) and all(not a.keyword and not a.star and ok(a.value, True) for a in n.args)
            return False

        return ok(node) and (found[0] or not need)

    def is_element(self, node: cst.Subscript) -> bool:
        """`x[i]` reads one element (an index per axis), not a row."""
        value = self.analysis.value_of(node.value)
        return isinstance(value, Array) and value.rank == len(node.slice)

    def elementwise_function(self, call: cst.Call) -> bool:
        """A numpy function, a `math` function, or a scalar builtin: functions known to apply per element."""
        func = call.func
        if isinstance(func, cst.Name):
            return func.value in _SCALAR_BUILTINS or self.analysis.qualnames.get(call, "").startswith("numpy.")
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "math":
            return True
        return self.analysis.qualnames.get(call, "").startswith("numpy.") or (
            isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == self.alias
        )

    def suggestion(self) -> str | None:
        alias = self.alias
        if len(self.element_sums) == 1 and not self.stores and not self.accumulators:
            target, value = self.element_sums[0]
            if (
                isinstance(value, cst.BinaryOperation)
                and isinstance(value.operator, cst.Multiply)
                and all(isinstance(p, cst.Subscript) and isinstance(p.value, cst.Name) for p in (value.left, value.right))
                and isinstance(target.value, cst.Name)
                and len(target.slice) == 2
            ):
                return f"{_read(target)} = {_read(value.left)} @ {_read(value.right)}"
            return None
        if len(self.accumulators) == 1 and not self.stores and self.elements:
            value = self.accumulators[0][1]
            source = next(iter(self.elements.values()))
            if isinstance(value, cst.Name) and value.value in self.elements:
                return f"{alias}.sum({source})"
            if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Multiply):
                if all(isinstance(p, cst.Name) and p.value in self.elements for p in (value.left, value.right)):
                    return f"{alias}.dot({source}, {source})"
            return None
        if len(self.accumulators) == 1 and not self.stores:
            value = self.accumulators[0][1]
            if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Multiply):
                parts = [value.left, value.right]
                if all(isinstance(p, cst.Subscript) and isinstance(p.value, cst.Name) for p in parts):
                    names = [_read(p) for p in parts]
                    ranks = {self.arrays[n].rank for n in names}
                    if ranks == {1}:
                        return f"{alias}.dot({names[0]}, {names[1]})"
            if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name):
                return f"{alias}.sum({value.value.value})"
        if len(self.stores) == 1 and not self.accumulators:
            target, value = self.stores[0]
            if isinstance(target.value, cst.Name):
                vectorized = _strip_indices(value)
                return f"{target.value.value} = {self.analysis.module.code_for_node(vectorized)}"
        return None


def _strip_indices(node: cst.BaseExpression) -> cst.BaseExpression:
    class Strip(cst.CSTTransformer):
        def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.BaseExpression:
            return updated.value

    return node.visit(Strip())  # type: ignore[return-value]


def _nested_loops(loop: cst.For) -> list[cst.For]:
    found = []
    for statement in loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ():
        if isinstance(statement, cst.For):
            found.append(statement)
            found.extend(_nested_loops(statement))
    return found


def _is_range(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "range"


class UnvectorizedLoop(Rule):
    # Loops are read from the tree the static analysis saw; the runtime records none.
    runtime = False
    code = "SL010"
    name = "unvectorized-loop"
    severity = "warning"
    summary = "an explicit Python loop over array elements that one numpy call does"
    doc = """\
## What it does
Flags a `for` loop over `range(...)` whose body only does arithmetic on
elements of numpy arrays indexed by the loop variables: accumulating into a
scalar (`s += w[i] * x[i]`) or storing element by element (`y[i] = 2 * x[i]`).
It is reported at the `for` of the outermost such loop. Loops over Python
lists, and loops that do anything else, are not flagged.

## Why is this bad?
Each iteration runs in the Python interpreter; the same computation as one
numpy call runs in compiled code, typically a hundred times faster, and says
what it computes (`np.dot(w, x)`).

## Example
```python
s = 0.0
for i in range(n):
    s += w[i] * x[i]
```

## Use instead
```python
s = np.dot(w, x)
```

## Fix safety
No automatic fix: the help line gives the vectorized expression.
"""
    invalid = (
        Example(
            'import numpy as np\nw = np.ones(5)\nx = np.ones(5)\ns = 0.0\nfor i in range(5):\n    s += w[i] * x[i]\n',
            at='for i in range(5):\n    s += w[i] * x[i]\n',
            says='this loop computes `np.dot(w, x)` one element at a time over `w` (5,), `x` (5,)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.ones(5)\ns = 0.0\nfor i in range(5):\n    s += x[i]\n',
            at='for i in range(5):\n    s += x[i]\n',
            says='this loop computes `np.sum(x)` one element at a time over `x` (5,)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.ones(5)\ny = np.zeros(5)\nfor i in range(5):\n    y[i] = 2 * x[i] + 1\n',
            at='for i in range(5):\n    y[i] = 2 * x[i] + 1\n',
            says='this loop computes `y = 2 * x + 1` one element at a time over `x` (5,), `y` (5,)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((3, 4))\nB = np.zeros((3, 4))\nfor i in range(3):\n    for j in range(4):\n        B[i, j] = A[i, j] * 2\n',
            at='for i in range(3):\n    for j in range(4):\n        B[i, j] = A[i, j] * 2\n',
            says='this loop computes `B = A * 2` one element at a time over `A` (3, 4), `B` (3, 4)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.ones(5)\ny = np.zeros(5)\nfor i in range(len(x)):\n    y[i] = np.exp(x[i])\n',
            at='for i in range(len(x)):\n    y[i] = np.exp(x[i])\n',
            says='this loop computes `y = np.exp(x)` one element at a time over `x` (5,), `y` (5,)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nA = np.ones((2, 3))\nB = np.ones((3, 4))\nC = np.zeros((2, 4))\nfor i in range(2):\n    for j in range(4):\n        for k in range(3):\n            C[i, j] += A[i, k] * B[k, j]\n',
            at='for i in range(2):\n    for j in range(4):\n        for k in range(3):\n            C[i, j] += A[i, k] * B[k, j]\n',
            says='this loop computes `C = A @ B` one element at a time over `A` (2, 3), `B` (3, 4), `C` (2, 4)',
            fixed=None,
        ),
        Example(
            'import numpy as np\nx = np.ones(5)\ns = 0.0\nfor v in x:\n    s += v * v\n',
            at='for v in x:\n    s += v * v\n',
            says='this loop computes `np.dot(x, x)` one element at a time over `x` (5,)',
            fixed=None,
        ),
    )
    valid = (
        "xs = [1, 2, 3]\ns = 0\nfor i in range(3):\n    s += xs[i]\n",
        "import numpy as np\nx = np.ones(5)\nfor i in range(5):\n    print(x[i])\n",
        # One call per image: the function works on whole rows, no one numpy call replaces the loop.
        "import numpy as np\nfrom skimage import exposure\nimgs = np.zeros((3, 8, 8))\nfor i in range(3):\n    imgs[i] = exposure.rescale_intensity(imgs[i])\n",
        "import numpy as np\nx = np.ones((3, 4))\ny = np.zeros(3)\nfor i in range(3):\n    y[i] = np.linalg.norm(x[i])\n",
        "import numpy as np\nx = np.ones(5)\ns = np.dot(x, x)\n",
        "import numpy as np\nx = np.ones(5)\ny = np.zeros(5)\nfor i in range(1, 5):\n    y[i] = y[i - 1] + x[i]\n",
        "import numpy as np\nx = np.ones(5)\nfor i in range(5):\n    if x[i] > 0:\n        x[i] = 0\n",
    )

    def check(self, analysis) -> Iterable[Report]:
        alias = numpy_alias(analysis.module)
        covered: set[cst.For] = set()  # loops inside a reported one
        seen: set[cst.For] = set()
        for loop in analysis.loops:
            if loop in covered or loop in seen:
                continue
            seen.add(loop)
            shape_of = _Loop(analysis, alias)
            if not shape_of.body(loop, ()) or not shape_of.arrays:
                continue
            covered.update(_nested_loops(loop))
            suggestion = shape_of.suggestion()
            arrays = ", ".join(f"`{name}` {shape(value)}" for name, value in sorted(shape_of.arrays.items()))
            what = f"computes `{suggestion}`" if suggestion else "works on"
            yield Report(
                node=loop,
                message=f"this loop {what} one element at a time over {arrays}",
                help=f"use `{suggestion}`" if suggestion else "write it as one numpy expression over the whole arrays",
            )


def _read(subscript: cst.BaseExpression) -> str:
    """`w` for `w[i]` (callers checked that it indexes a plain name)."""
    assert isinstance(subscript, cst.Subscript) and isinstance(subscript.value, cst.Name)
    return subscript.value.value
