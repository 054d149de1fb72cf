"""SL001 rank-1-array: a name bound to a new rank-1 array."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from ..engine.facts import Analysis
from ..values import Array
from ._base import Example, Report, Rule
from ._text import add_keepdims, atom, code, column_shape, event_at, observed_length, shape, untransposed

# Creation functions whose size arguments are the dims themselves (`rand(5)`).
_VARARG_DIMS = {"rand", "randn"}
# Creation functions whose first argument (or `shape=`) is the shape.
_SHAPE_FIRST = {"numpy." + name for name in ("zeros", "ones", "empty", "full")}
_SIZE_KEYWORD = {"normal", "uniform", "randint", "random", "random_sample", "standard_normal", "integers", "choice",
                 "binomial", "poisson", "exponential"}
_REDUCTIONS = {"sum", "mean", "max", "min", "std", "var", "prod", "any", "all", "median", "amax", "amin", "nansum",
               "nanmean", "nanmax", "nanmin", "norm"}


class RankOneArray(Rule):
    code = "SL001"
    name = "rank-1-array"
    severity = "warning"
    by_hazard = True
    fix_first = True
    summary = "a rank-1 array, shape (n,), bound to a name or attribute; by default only where it causes another finding"
    doc = """\
## What it does
Flags an assignment whose value makes a new rank-1 array, shape `(n,)`: a
creation from sizes (`np.zeros(n)`, `np.random.rand(5)`, `np.array([1, 2, 3])`),
a reduction of a 2-D array (`A.sum(axis=0)`), or indexing that drops an axis
(`A[:, 0]`), bound to a name or an attribute (`self.w = np.zeros(n)`). It
fires once, where the rank-1 array is first bound; arrays computed from it
are not flagged again. Every spelling of a size is the same origin
(`np.zeros(n)`, `np.zeros((n,))`, `shape=(n,)`, `size=(n,)`); a size the
analyzer cannot follow (a parameter nothing calls with a value) makes no
origin in any spelling.

By default (`rank-1 = "hazards"`) an origin is reported only where the
array, or a value computed from it, later takes part in another finding
(SL002-SL009), and the message names it (`a.T` at line 6 does nothing).
`--rank-1 all` (or `rank-1 = "all"`) reports every origin, as a course that
teaches column vectors wants.

## Why is this bad?
A rank-1 array is neither a row nor a column vector. `a.T` returns it
unchanged, `np.dot(a, a.T)` is a scalar instead of a matrix, and `a + col`
with a `(n, 1)` column silently broadcasts to `(n, n)`. Giving the vector
both axes makes every later operation say what it means.

## Example
```python
a = np.random.rand(5)
```

## Use instead
```python
a = np.random.rand(5, 1)
```

## Fix safety
The fix changes the array's shape, so code that relies on the rank-1 shape
may behave differently: it is unsafe (`--fix --unsafe-fixes`). It is
offered only where the program with it has no new finding (making `w` a
column breaks `np.dot(w, X)`: no fix then).
"""
    invalid = (
        Example(
            'import numpy as np\na = np.random.rand(5)\n',
            at='np.random.rand(5)',
            says='`a` is a rank-1 array of shape (5,): neither a row nor a column',
            fixed='import numpy as np\na = np.random.rand(5, 1)\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\nn = 4\nz = np.zeros(n)\n',
            at='np.zeros(n)',
            says='`z` is a rank-1 array of shape (4,): neither a row nor a column',
            fixed='import numpy as np\nn = 4\nz = np.zeros((n, 1))\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\nv = np.array([1, 2, 3])\n',
            at='np.array([1, 2, 3])',
            says='`v` is a rank-1 array of shape (3,): neither a row nor a column',
            fixed='import numpy as np\nv = np.array([1, 2, 3]).reshape(-1, 1)\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\nA = np.ones((3, 4))\ns = A.sum(axis=0)\n',
            at='A.sum(axis=0)',
            says='`s` is a rank-1 array of shape (4,): neither a row nor a column',
            fixed='import numpy as np\nA = np.ones((3, 4))\ns = A.sum(axis=0, keepdims=True)\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\nA = np.ones((3, 4))\nc = A[:, 0]\n',
            at='A[:, 0]',
            says='`c` is a rank-1 array of shape (3,): neither a row nor a column',
            fixed='import numpy as np\nA = np.ones((3, 4))\nc = A[:, 0].reshape(-1, 1)\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\nx = np.arange(10)\n',
            at='np.arange(10)',
            says='`x` is a rank-1 array of shape (10,): neither a row nor a column',
            fixed='import numpy as np\nx = np.arange(10).reshape(-1, 1)\n',
            rank1="all",
        ),
        Example(
            'import numpy as np\na = np.random.rand(5)\nb = a.T\n',
            at='np.random.rand(5)',
            says='`a` is a rank-1 array of shape (5,): `a.T` at line 3 does nothing',
            fixed='import numpy as np\na = np.random.rand(5, 1)\nb = a.T\n',
        ),
        Example(
            'import numpy as np\nclass Layer:\n    def __init__(self):\n        self.b = np.zeros(4)\n        self.W = np.ones((4, 3))\n    def forward(self, X):\n        return self.W @ X + self.b\nLayer().forward(np.ones((3, 10)))\n',
            at='np.zeros(4)',
            says='`self.b` is a rank-1 array of shape (4,): `self.W @ X + self.b` at line 7 cannot broadcast (4, 10) and (4,)',
            fixed='import numpy as np\nclass Layer:\n    def __init__(self):\n        self.b = np.zeros((4, 1))\n        self.W = np.ones((4, 3))\n    def forward(self, X):\n        return self.W @ X + self.b\nLayer().forward(np.ones((3, 10)))\n',
        ),
        Example(
            'from numpy import zeros as z\nimport numpy as np\nv = z(5)\nM = v @ v.T\n',
            at='z(5)',
            says='`v` is a rank-1 array of shape (5,): `v @ v.T` at line 4 is a scalar, not a (5, 5) matrix',
            fixed='from numpy import zeros as z\nimport numpy as np\nv = z((5, 1))\nM = v @ v.T\n',
        ),
        Example(
            'import numpy as np\nb = np.zeros((3, 1))\ndz = np.ones((3, 10))\ndb = np.sum(dz, axis=1)\nb = b - 0.1 * db\n',
            at='np.sum(dz, axis=1)',
            says='`db` is a rank-1 array of shape (3,): `b - 0.1 * db` at line 5 makes a (3, 3) table',
            fixed='import numpy as np\nb = np.zeros((3, 1))\ndz = np.ones((3, 10))\ndb = np.sum(dz, axis=1, keepdims=True)\nb = b - 0.1 * db\n',
        ),
    )
    valid = (
        "import numpy as np\na = np.random.rand(5, 1)\n",
        "import numpy as np\na = np.random.rand(5, 1)\nb = 2 * a\n",
        "import numpy as np\nA = np.ones((3, 4))\ns = A.sum(axis=0, keepdims=True)\n",
        "import numpy as np\na = np.zeros((4, 1))\nb = a.T\n",
        "import numpy as np\nv = np.arange(5).reshape(5, 1)\n",
        "import numpy as np\ndef f(a):\n    return np.exp(a)\n",
        "import numpy as np\nN, n_dim = 5, 3\nw = np.zeros(N, n_dim)\nv = w.T\n",
        # Counts of the data: a vector meant as one, whatever the data was.
        "import numpy as np\ncounts = np.bincount(np.array([0, 1, 1]) * 2)\n",
    )

    @classmethod
    def fixable(cls) -> bool:
        return True

    def check(self, analysis: Analysis) -> Iterable[Report]:
        for binding in analysis.bindings:
            value = binding.value
            node = binding.value_node
            if not binding.fresh or node is None or not isinstance(value, Array) or value.rank != 1:
                continue
            fix = _column_fix(analysis, node, value)
            column = column_shape(value)
            message = f"`{binding.name}` is a rank-1 array of shape {shape(value)}: neither a row nor a column"
            if fix is not None and "keepdims=True" in fix:
                help_text = f"keep the reduced axis: `{fix}`"
            elif fix is not None:
                help_text = f"make it a column: `{fix}`"
                if fix.endswith(".reshape(-1, 1)"):
                    help_text += f" (a row: `{fix[:-len('.reshape(-1, 1)')]}.reshape(1, -1)`)"
            else:
                help_text = f"make it a {column} column with `.reshape(-1, 1)`"
            yield Report(
                node=node,
                message=message,
                help=help_text,
                replacements=((node, fix),) if fix is not None else (),
                fix_message=f"Use `{fix}`" if fix else None,
                origin=value.origin,
            )

    @classmethod
    def concrete_action(cls, report: Report, analysis: Analysis) -> str | None:
        binding = analysis.fresh_binding(node=report.node)
        if binding is None:
            return None
        n = observed_length(binding.value)
        if n is None:
            return None
        name = binding.name
        fix = report.replacements[0][1] if report.replacements else None
        if fix is not None and "keepdims=True" in fix:
            return f"keep the reduced axis: `{fix}`"
        if fix is not None and fix.endswith(".reshape(-1, 1)"):
            concrete = fix[: -len(".reshape(-1, 1)")] + f".reshape({n}, 1)"
            report.replacements = ((report.replacements[0][0], concrete),)
            report.fix_message = f"Use `{concrete}`"
            return f"make it a ({n}, 1) column: `{concrete}`"
        if fix is not None:
            return f"make it a ({n}, 1) column: `{fix}` (or `{name}.reshape({n}, 1)`)"
        return f"make it a ({n}, 1) column: `{name}.reshape({n}, 1)`"


def _column_fix(analysis: Analysis, node: cst.CSTNode, value: Array) -> str | None:
    """The same expression made to produce an (n, 1) column."""
    if value.origin is node and isinstance(node, cst.Call):
        rewritten = _rewrite_call(node, analysis.qualnames.get(node, ""))
        if rewritten is not None:
            return analysis.module.code_for_node(rewritten)
    return f"{atom(analysis, node)}.reshape(-1, 1)"


def _rewrite_call(node: cst.Call, qualname: str) -> cst.Call | None:
    """The creation or reduction call made to give a column, by what the call is, not how it is spelled."""
    name = qualname.rpartition(".")[2]
    args = list(node.args)
    positional = [a for a in args if a.keyword is None and not a.star]
    keywords = {a.keyword.value: a for a in args if a.keyword is not None}
    one = cst.Integer("1")
    if qualname.startswith("numpy.random.") and name in _VARARG_DIMS and len(positional) == 1 and len(args) == 1:
        last = args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return node.with_changes(args=[last, cst.Arg(one)])
    if qualname in _SHAPE_FIRST and positional and positional[0] is args[0]:
        return node.with_changes(args=[args[0].with_changes(value=_as_column(args[0].value))] + args[1:])
    if qualname in _SHAPE_FIRST and "shape" in keywords:
        arg = keywords["shape"]
        return node.with_changes(args=[a.with_changes(value=_as_column(a.value)) if a is arg else a for a in args])
    if qualname.startswith("numpy.random.") and name in _SIZE_KEYWORD and "size" in keywords:
        arg = keywords["size"]
        return node.with_changes(args=[a.with_changes(value=_as_column(a.value)) if a is arg else a for a in args])
    if name in _REDUCTIONS and qualname.startswith("numpy.") and "keepdims" not in keywords and "axis" in keywords:
        return add_keepdims(node)
    return None


def _as_column(size: cst.BaseExpression) -> cst.BaseExpression:
    """`5` -> `(5, 1)`; `(5,)` -> `(5, 1)`."""
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if isinstance(size, cst.Tuple) and len(size.elements) == 1:
        return size.with_changes(elements=[size.elements[0].with_changes(comma=comma), cst.Element(cst.Integer("1"))])
    if isinstance(size, (cst.Tuple, cst.List)):
        return size
    return cst.Tuple([cst.Element(size, comma=comma), cst.Element(cst.Integer("1"))])
