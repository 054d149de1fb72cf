"""Every rule's own examples: each `invalid` one fires the rule at its span, with its message and its fix.

A wrong number in a message, a span one column off or a fix that rewrites
the wrong call fails here. `valid` examples stay quiet, in both SL001 modes.
"""

from __future__ import annotations

import pytest

from shapelint.api import lint_source
from shapelint.fixing import apply_fixes
from shapelint.rules import RULES
from shapelint.rules._base import Example

INVALID = [(rule.code, i, ex) for rule in RULES for i, ex in enumerate(rule.invalid)]
VALID = [(rule.code, i, src) for rule in RULES for i, src in enumerate(rule.valid)]


def _offset(source: str, row: int, column: int) -> int:
    lines = source.splitlines(keepends=True)
    return sum(len(line) for line in lines[: row - 1]) + column - 1


@pytest.mark.parametrize("code,index,example", INVALID, ids=[f"{c}-invalid-{i}" for c, i, _ in INVALID])
def test_invalid_example(code: str, index: int, example: Example) -> None:
    if isinstance(example, str):  # not pinned yet: `test_every_invalid_example_is_pinned` says so
        assert code in [f.code for f in lint_source(example, "example.py", rank1="all")]
        return
    findings = [f for f in lint_source(example.source, "example.py", rank1=example.rank1) if f.code == code]
    spans = {example.source[_offset(example.source, f.start.row, f.start.column) : _offset(example.source, f.end.row, f.end.column)]: f for f in findings}
    assert example.at in spans, f"{code} should fire at {example.at!r} in:\n{example.source}\ngot {list(spans)}"
    finding = spans[example.at]
    assert example.says in finding.message
    if example.fixed is None:
        assert finding.fix is None
    else:
        assert finding.fix is not None, "a fix was expected"
        assert apply_fixes(example.source, [finding.fix])[0] == example.fixed


@pytest.mark.parametrize("code,index,source", VALID, ids=[f"{c}-valid-{i}" for c, i, _ in VALID])
@pytest.mark.parametrize("rank1", ["hazards", "all"])
def test_valid_example(code: str, index: int, source: str, rank1: str) -> None:
    codes = [f.code for f in lint_source(source, "example.py", rank1=rank1)]
    assert code not in codes, f"{code} should not fire on:\n{source}\ngot {codes}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_invalid_example_is_pinned(rule) -> None:
    """Each invalid example is an `Example` with its span, message and fixed text, not a bare source."""
    assert all(isinstance(example, Example) for example in rule.invalid)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_enough_examples_and_docs(rule) -> None:
    if rule.code != "SL000":
        assert len(rule.invalid) >= 5 and len(rule.valid) >= 5
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert section in rule.doc


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\na = np.random.rand(5)\nb = 2 * a\n",
        "import numpy as np\nidx = np.arange(10)\nX = np.ones((10, 3))\nY = X[idx]\n",
        "import numpy as np\nx = np.linspace(0, 1, 50)\ny = np.sin(x) * 2\n",
    ],
)
def test_sl001_by_default_only_where_a_hazard_follows(source: str) -> None:
    assert [f.code for f in lint_source(source, "x.py")] == []
    assert [f.code for f in lint_source(source, "x.py", rank1="all")] == ["SL001"]


def test_hazard_note_points_back_to_the_origin() -> None:
    source = "import numpy as np\na = np.random.rand(5)\nb = a.T\n"
    found = {f.code: f for f in lint_source(source, "x.py")}
    assert "`a.T` at line 3 does nothing" in found["SL001"].message
    (note,) = found["SL002"].notes
    assert note.message == "`a` became (5,) at line 2"
    assert (note.location.row, note.location.column) == (2, 1)


@pytest.mark.parametrize(
    "spelling",
    ["np.zeros(n)", "np.zeros((n,))", "np.zeros(shape=(n,))", "np.random.uniform(-1, 1, size=(n,))", "np.zeros([n])"],
)
def test_every_size_spelling_is_the_same_origin(spelling: str) -> None:
    for size in ("n = 4\n", "n = X.shape[0]\n"):
        source = f"import numpy as np\nX = np.ones((4, 4))\n{size}v = {spelling}\nM = v @ v.T\n"
        codes = [f.code for f in lint_source(source, "x.py")]
        assert codes.count("SL001") == 1 and "SL004" in codes, (source, codes)


@pytest.mark.parametrize(
    "source,row,column,message",
    [
        ('x = 1\nprint "hi"\n', 2, 1, "Missing parentheses in call to 'print'"),
        ("x = 1\nif x\n    y = 2\n", 2, 5, "expected ':'"),
        ("a = (\n", 1, 5, "'(' was never closed"),
    ],
)
def test_syntax_error_where_python_reports_it(source: str, row: int, column: int, message: str) -> None:
    (finding,) = lint_source(source, "x.py")
    assert (finding.code, finding.start.row, finding.start.column) == ("SL000", row, column)
    assert message in finding.message and "Token" not in finding.message


def test_notes_name_the_array_that_takes_part_and_its_own_shape() -> None:
    source = (
        "import numpy as np\n"
        "X = np.random.randn(3, 10)\n"
        "y = np.random.randn(10)\n"
        "w = np.zeros(3)\n"
        "a = 1 / (1 + np.exp(-np.dot(w, X)))\n"
        "dz = a - y\n"
        "T = dz + np.ones((10, 1))\n"
    )
    found = {f.code: f for f in lint_source(source, "x.py")}
    assert [n.message for n in found["SL003"].notes] == [
        "`dz` is (10,) from `a - y` at line 6",
        "`dz` is computed from `w`, which became (3,) at line 4",
    ]
    assert [(n.location.row, n.location.column) for n in found["SL003"].notes] == [(6, 1), (4, 1)]
    # Making `w` a column breaks `np.dot(w, X)`: no fix is offered.
    assert found["SL001"].fix is None


def test_same_array_by_identity_not_by_spelling() -> None:
    alias = "import numpy as np\nA = np.ones((4, 4))\nB = A\nC = B / A.sum(axis=0)\n"
    assert lint_source(alias, "x.py") == []
    rebound = "import numpy as np\nA = np.ones((4, 4))\ns = A.sum(axis=0)\nA = np.ones((4, 4)) * 2\nC = A / s\n"
    assert [f.code for f in lint_source(rebound, "x.py")] == ["SL001", "SL003"]


def test_a_fix_spelled_with_the_names_the_module_imported() -> None:
    source = "from numpy import zeros as z\nv = z(5)\nw = v.T\n"
    sl001 = next(f for f in lint_source(source, "x.py") if f.code == "SL001")
    assert sl001.fix is not None and sl001.fix.edits[0].content == "z((5, 1))"


@pytest.mark.parametrize(
    "imports,product,hint",
    [
        ("import numpy\n", "numpy.dot(W, X)", "`numpy.dot(W.T, X)`"),
        ("import numpy as np\n", "np.dot(W, X)", "`np.dot(W.T, X)`"),
        ("from numpy import dot\nimport numpy as np\n", "dot(W, X)", "`dot(W.T, X)`"),
        ("import numpy as np\n", "W.dot(X)", "`W.T.dot(X)`"),
        ("import numpy as np\n", "W @ X", "`W.T @ X`"),
    ],
)
def test_sl006_help_spells_the_product_as_the_source_does(imports: str, product: str, hint: str) -> None:
    ones = "numpy.ones" if imports == "import numpy\n" else "np.ones"
    source = f"{imports}W = {ones}((4, 3))\nX = {ones}((4, 10))\nZ = {product}\n"
    (finding,) = [f for f in lint_source(source, "x.py") if f.code == "SL006"]
    assert finding.help is not None and hint in finding.help


@pytest.mark.parametrize(
    "spelling", ["np.zeros(5, dtype=dt)", "np.zeros(5, dt)", "np.zeros((5,), dtype=X.dtype)", "np.full(5, 0.5, dt)"]
)
def test_a_dtype_the_analyzer_cannot_read_leaves_the_origin(spelling: str) -> None:
    source = f"import numpy as np\ndef f(dt):\n    X = np.ones((2, 2))\n    v = {spelling}\n    return v.T\n"
    assert [f.code for f in lint_source(source, "x.py")] == ["SL001", "SL002"]


def test_a_parameter_size_makes_no_origin_in_any_spelling() -> None:
    for spelling in ("np.zeros(n)", "np.zeros((n,))", "np.zeros(shape=(n,))", "np.random.uniform(-1, 1, size=(n,))"):
        source = f"import numpy as np\ndef f(n):\n    v = {spelling}\n    return v.T\n"
        assert "SL001" not in [f.code for f in lint_source(source, "x.py", rank1="all")], spelling
