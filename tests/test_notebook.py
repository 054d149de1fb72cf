"""Notebooks as programs: reading `.ipynb`, IPython's syntax, cells in order, positions in cells, helpers.

The notebooks are written here the way Jupyter writes them (`notebook_text`),
course-style: markdown between code cells, magics, shell lines, a helper
module beside the notebook. `tests/test_notebook_check.py` runs them through
`shapelint check`.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint.engine.imports import SiblingImporter, dependencies, imported_modules
from shapelint.notebook import (
    NotebookFormatError,
    fix_notebook,
    infer_notebook_shapes,
    lint_notebook,
    read_notebook,
    transform,
)
from shapelint.values import UNKNOWN, Class, Function

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n"


def md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": textwrap.dedent(text).strip("\n")}


def code(text: str, *, count: int | None = None, outputs: tuple = ()) -> dict:
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {"tags": ["exercise"]},
        "outputs": list(outputs),
        "source": textwrap.dedent(text).strip("\n"),
    }


def stream(text: str) -> dict:
    return {"name": "stdout", "output_type": "stream", "text": text.splitlines(True)}


def image() -> dict:
    return {"data": {"image/png": PNG, "text/plain": ["<Figure size 640x480 with 1 Axes>"]}, "metadata": {},
            "output_type": "display_data"}


def notebook_text(
    *cells: dict,
    indent: int = 1,
    lists: bool = True,
    ensure_ascii: bool = False,
    newline: bool = True,
    language: str | None = "python",
) -> str:
    """A notebook as Jupyter writes it (sorted keys, indent 1, sources as lists of lines, a last newline)."""
    out = []
    for number, cell in enumerate(cells, start=1):
        cell = dict(cell, id=f"cell-{number:03d}")
        if lists:
            cell["source"] = cell["source"].splitlines(True)
        out.append(cell)
    metadata: dict = {"widgets": {"state": {}}}
    if language is not None:
        metadata["kernelspec"] = {"display_name": "Python 3", "language": language, "name": "python3"}
        metadata["language_info"] = {"name": language, "version": "3.11.7"}
    data = {"cells": out, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=ensure_ascii) + ("\n" if newline else "")


HELPERS = '''\
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init_params(n):
    return np.zeros((n, 1)), 0.0
'''

# A week-2 logistic regression assignment; the planted bugs are in cells 4, 5 and 7.
WEEK2 = (
    md("# Week 2: logistic regression\n\nRun the cells in order."),
    code(
        """
        !pip install numpy
        %matplotlib inline
        import numpy as np
        import matplotlib.pyplot as plt
        from helpers import sigmoid, init_params
        """,
        count=1,
        outputs=(stream("Requirement already satisfied: numpy\n"),),
    ),
    md("## 1 - Data\n\n`X` is (n_x, m), `Y` is (1, m)."),
    code(
        """
        X = np.random.randn(3, 50)
        Y = np.random.rand(1, 50) > 0.5
        w = np.zeros(3)
        b = 0.0
        """,
        count=2,
    ),
    code(
        """
        np.zeros?
        ?np.ones
        Z = np.dot(w.T, X) + b
        A = sigmoid(Z)
        """,
        count=3,
    ),
    code("%%timeit\nsigmoid(Z)", count=4, outputs=(stream("3.1 µs ± 12 ns per loop\n"),)),
    code(
        """
        dw = np.dot(X, (A - Y).T) / 50
        w = w - 0.1 * dw
        """,
        count=5,
    ),
    code(
        """
        w2, b2 = init_params(3)
        costs = []
        for i in range(10):
            costs.append(float(i))
        plt.plot(costs)
        """,
        count=6,
        outputs=(image(),),
    ),
)


@pytest.fixture
def week2(tmp_path: Path) -> Path:
    (tmp_path / "helpers.py").write_text(HELPERS)
    path = tmp_path / "week2.ipynb"
    path.write_text(notebook_text(*WEEK2), encoding="utf-8")
    return path


def located(findings) -> list[tuple]:
    return [(f.cell, f.start.row, f.start.column, f.code) for f in findings]


# -- reading ---------------------------------------------------------------------------------------------


def test_cells_are_numbered_among_all_cells_and_sources_joined():
    nb = read_notebook(notebook_text(md("# t"), code("a = 1\nb = 2"), md("x"), code("c = 3")))
    assert [(c.number, c.kind) for c in nb.cells] == [(1, "markdown"), (2, "code"), (3, "markdown"), (4, "code")]
    assert [c.number for c in nb.code_cells] == [2, 4]
    assert nb.cells[1].source == "a = 1\nb = 2"
    assert read_notebook(notebook_text(code("a = 1\nb = 2"), lists=False)).cells[0].source == "a = 1\nb = 2"


def test_not_json_and_old_notebooks_are_format_errors():
    with pytest.raises(NotebookFormatError) as info:
        read_notebook('{\n "cells": [\n  {"cell_type": "code",, }\n ]\n}\n')
    assert (info.value.row, info.value.column) == (3, 24)
    with pytest.raises(NotebookFormatError, match="nbformat 3"):
        read_notebook('{"worksheets": [{"cells": []}], "nbformat": 3}')
    with pytest.raises(NotebookFormatError, match="no list of cells"):
        read_notebook("[1, 2]")


@pytest.mark.parametrize("layout", [dict(), dict(indent=2), dict(lists=False), dict(newline=False),
                                    dict(ensure_ascii=True)])
def test_a_new_source_changes_only_that_source(layout):
    cells = (md("# Café\n\nnotes"), code("x = 1\ny = 2  # é\nz = 3", count=7, outputs=(stream("1\n"),)), code("q = 1"))
    text = notebook_text(*cells, **layout)
    nb = read_notebook(text)
    new = nb.with_sources({2: "x = 1\ny = 20  # é\nz = 3"})
    after = read_notebook(new)
    assert after.cells[1].source == "x = 1\ny = 20  # é\nz = 3"
    start, end = nb.cells[1].span
    new_start, new_end = after.cells[1].span
    assert new[:new_start] == text[:start] and new[new_end:] == text[end:]
    assert json.loads(new)["cells"][1]["outputs"] == json.loads(text)["cells"][1]["outputs"]
    if layout.get("lists", True):
        # Only the changed row is re-encoded, escapes and all.
        assert text.replace('"y = 2 ', '"y = 20 ') == new


def test_a_source_that_gains_rows_stays_a_list_laid_out_as_before():
    text = notebook_text(code("a = 1\nb = 2"))
    new = read_notebook(text).with_sources({1: "a = 1\nx = 0\nb = 2"})
    assert '   "a = 1\\n",\n    "x = 0\\n",\n    "b = 2"\n   ]' in new
    assert read_notebook(new).cells[0].source == "a = 1\nx = 0\nb = 2"


def test_the_kernel_language_decides_whether_a_notebook_is_python():
    assert read_notebook(notebook_text(code("x <- 1"), language="R")).is_python is False
    assert read_notebook(notebook_text(code("x = 1"), language=None)).is_python is True
    assert lint_notebook(notebook_text(code("x <- c(1, 2)"), language="R"), "r.ipynb") == []


# -- IPython's syntax ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, python",
    [
        ("%matplotlib inline\nx = 1", "pass\nx = 1"),
        ("!pip install numpy\n!!ls", "pass\npass"),
        ("np.dot?\n?np.outer\nnp.dot??  # help", "pass\npass\npass"),
        ("if True:\n    %time f()\n    !ls", "if True:\n    pass\n    pass"),
        ("files = !ls\na, b = %sx ls", "files = get_ipython()\na, b = get_ipython()"),
        ("%time y = f(x)", "y = get_ipython()"),
        ("%config InlineBackend.figure_format = \\\n    'retina'\nx = 1", "pass\n\nx = 1"),
        ("%%time\nz = f(1)\n!ls", "pass\nz = f(1)\npass"),
        ("%%capture out\nz = 1", "out = get_ipython()\nz = 1"),
        # Python that only looks like IPython stays as it is.
        ("x = (a\n     / b\n     % c)\ns = 'why?'\nt = u != v  # what?", None),
        ('s = """\n%not a magic\n!nor this\n"""', None),
    ],
)
def test_ipython_rows_become_python_with_the_same_rows(cell, python):
    out = transform(cell)
    assert not out.opaque
    assert out.text == (cell if python is None else python)
    assert out.text.count("\n") == cell.count("\n")


def test_cell_magics_make_the_cell_opaque():
    assert transform("%%timeit\ny = f(x)").opaque_names == ()
    assert transform("%%bash\necho hi").opaque
    assert transform("%%writefile helpers.py\nimport numpy as np\ndef f(): pass").opaque_names == ()
    # A cell magic not known to leave the names alone: what its body binds is no longer known.
    assert transform("\n%%my_magic\ny = f(x)\ndef g(): pass").opaque_names == ("g", "y")


# -- cells in order as one program -----------------------------------------------------------------------


def test_findings_have_the_cell_and_the_row_in_the_cell(week2):
    findings = lint_notebook(week2.read_text(encoding="utf-8"), "week2.ipynb", folder=week2.parent)
    assert located(findings) == [(4, 3, 5, "SL001"), (5, 3, 12, "SL002"), (7, 2, 5, "SL003")]
    sl002 = findings[1]
    assert sl002.end.row == 3 and sl002.noqa_row == 3
    assert [(n.message, n.cell, n.location.row) for n in sl002.notes] == [("`w` became (3,) at line 3 of cell 4", 4, 3)]
    edit = findings[0].fix.edits[0]
    assert (edit.start.row, edit.start.column, edit.end.column, edit.content) == (3, 5, 16, "np.zeros((3, 1))")


def test_shapes_are_carried_across_cells_and_from_the_helper(week2):
    rows = {(r.cell, r.row, r.name): r.shape for r in infer_notebook_shapes(week2, "week2.ipynb")}
    assert rows[(4, 1, "X")] == [3, 50]
    assert rows[(5, 3, "Z")] == [50]  # w from cell 4, X from cell 4
    assert rows[(5, 4, "A")] == [50]  # sigmoid from helpers.py
    assert rows[(7, 1, "dw")] == [3, 1]  # A from cell 5, across the opaque %%timeit cell
    assert rows[(8, 1, "w2")] == [3, 1]  # init_params from helpers.py
    assert all(cell not in (1, 3, 6) for cell, _, _ in rows)
    # The same rows from the text, with helpers found beside `filename`.
    text = week2.read_text(encoding="utf-8")
    assert infer_notebook_shapes(text, str(week2)) == infer_notebook_shapes(week2, str(week2))


def test_a_cell_that_does_not_parse_is_sl000_for_that_cell_and_the_rest_is_analyzed():
    text = notebook_text(
        code("import numpy as np\na = np.random.rand(4)"),
        md("broken below"),
        code("b = (1,\nc = 2"),
        code("d = a.T"),
    )
    findings = lint_notebook(text, "broken.ipynb")
    assert [(f.cell, f.code) for f in findings] == [(1, "SL001"), (3, "SL000"), (4, "SL002")]
    assert findings[1].start.row <= 2


def test_a_cell_that_does_not_parse_binds_nothing():
    text = notebook_text(code("import numpy as np\nv = np.zeros((3, 1))"), code("v = np.zeros(3)\n)"), code("w = v"))
    rows = {r.name: (r.cell, r.shape) for r in infer_notebook_shapes(text, "nb.ipynb")}
    assert rows["w"] == (3, [3, 1])


def test_magics_shell_and_help_rows_are_never_findings():
    text = notebook_text(
        code("%load_ext autoreload\n%autoreload 2\n!pip install -q numpy\nimport numpy as np"),
        code("np.zeros?\nfiles = !ls\n%timeit np.zeros(3)\n%time v = np.zeros(4)"),
        code("%%timeit\nu = np.zeros(5)\nu.T"),
        code("%%bash\nfor f in *.py; do echo $f; done"),
        code("display(np.ones((2, 1)))"),
    )
    assert lint_notebook(text, "magic.ipynb") == []


def test_names_an_opaque_cell_may_bind_lose_their_shapes():
    text = notebook_text(
        code("import numpy as np\nv = np.zeros((3, 1))"),
        code("%%my_magic\nv = load()"),
        code("%time q = np.zeros((2, 1))"),
        code("w = v\nr = q"),
    )
    rows = {r.name: r.shape for r in infer_notebook_shapes(text, "nb.ipynb") if r.cell == 4}
    assert rows == {"w": None, "r": None}


def test_rows_with_windows_line_breaks_and_cells_without_a_last_newline():
    text = notebook_text(code("import numpy as np\r\nx = 1"), code("a = np.random.rand(3)\r\nb = a.T"), lists=False)
    assert located(lint_notebook(text, "crlf.ipynb")) == [(2, 1, 5, "SL001"), (2, 2, 5, "SL002")]


def test_not_a_notebook_is_one_sl000_without_a_cell():
    [finding] = lint_notebook('{"cells": [}', "bad.ipynb")
    assert (finding.code, finding.cell, finding.start.row, finding.start.column) == ("SL000", None, 1, 12)
    assert "not valid JSON" in finding.message


# -- helper modules beside the notebook ------------------------------------------------------------------


def test_the_sibling_importer_exports_only_names_bound_once(tmp_path):
    (tmp_path / "utils.py").write_text(
        "import numpy as np\n"
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
        "THETA = np.zeros((3, 1))\n"
        "k = 1\nk = 2\n"
        "class Model:\n    pass\n"
    )
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("def f(x):\n    return x\n")
    importer = SiblingImporter(tmp_path)
    sigmoid = importer("utils", "sigmoid", 0)
    assert isinstance(sigmoid, Function) and sigmoid.home is not None
    assert importer("utils", "THETA", 0).shape.to_json() == [3, 1]
    assert importer("utils", "k", 0) is UNKNOWN
    model = importer("utils", "Model", 0)
    assert isinstance(model, Class) and model.home is not None  # classes carry their module's scope
    assert importer("utils", "missing", 0) is UNKNOWN
    assert importer("utils", "sigmoid", 1) is UNKNOWN  # relative: a notebook is no package
    assert importer("nothere", "f", 0) is UNKNOWN
    assert isinstance(importer("pkg.mod", "f", 0), Function)
    (tmp_path / "broken.py").write_text("def f(:\n")
    assert importer("broken", "f", 0) is UNKNOWN


def test_the_modules_a_text_may_import_and_the_files_that_are_beside_it(tmp_path):
    assert imported_modules("from a.b import c\nimport d, e as f\nx = 1; from g import (h,\n i)\n") == {
        "a.b", "d", "e", "g",
    }
    (tmp_path / "d.py").write_text("D = 1\n")
    assert dependencies(tmp_path, "import numpy as np\nfrom d import D\n") == [(str(tmp_path / "d.py"), "D = 1\n")]


def test_a_helper_is_analyzed_in_its_own_scope(tmp_path):
    (tmp_path / "nn.py").write_text(
        "import numpy as np\nSCALE = 0.01\n"
        "def init(n_x, n_h):\n    return {'W': np.random.randn(n_h, n_x) * SCALE, 'b': np.zeros((n_h, 1))}\n"
    )
    text = notebook_text(
        code("import numpy as np\nfrom nn import init\nSCALE = 'shadowed here'"),
        code("p = init(2, 4)\nZ = np.dot(p['W'], np.ones((2, 10))) + p['b']"),
    )
    rows = {r.name: r.shape for r in infer_notebook_shapes(text, str(tmp_path / "nb.ipynb"))}
    assert rows["Z"] == [4, 10]


LINES = [
    "import numpy as np", "a = np.random.rand(3)", "b = a.T", "c = np.dot(a, a.T)", "z = a + np.ones((3, 1))",
    "%matplotlib inline", "%%timeit", "!pip install numpy", "files = !ls", "np.zeros?", "?a", "x = (1,", "    y = 2",
    "def f(v):", "    return v.T", "s = '''", "'''", "# a comment  # noqa", "", "display(a)", "%time q = a.T",
    "\tw = 1", "r = a \\", "    + 1",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["code", "code", "markdown", "raw"]),
                          st.lists(st.sampled_from(LINES), max_size=5)), max_size=6))
def test_any_mix_of_cells_lints_with_every_position_inside_its_code_cell(cells):
    text = notebook_text(*({"cell_type": kind, "metadata": {}, "source": "\n".join(lines),
                            **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                           for kind, lines in cells))
    nb = read_notebook(text)
    for finding in lint_notebook(text, "any.ipynb"):
        cell = nb.cells[finding.cell - 1]
        assert cell.kind == "code"
        rows = cell.source.split("\n")
        assert 1 <= finding.start.row <= len(rows) + (finding.code == "SL000")
        if finding.code != "SL000":
            assert finding.start <= finding.end and finding.end.row <= len(rows)
            assert 1 <= finding.start.column <= len(rows[finding.start.row - 1]) + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(LINES), max_size=5), max_size=5), st.booleans())
def test_fixes_leave_every_byte_outside_the_sources_they_change(cells, lists):
    text = notebook_text(*(code("\n".join(lines)) for lines in cells), lists=lists)
    lint = lambda t: lint_notebook(t, "any.ipynb")  # noqa: E731
    findings = lint(text)
    outcome = fix_notebook(text, findings, lint, unsafe=True)
    before, after = read_notebook(text), read_notebook(outcome.text)
    changed = {a.number for a, b in zip(before.cells, after.cells) if a.source != b.source}
    # Deterministic tests pin which cells change (test_notebook_check.py); this pins the bytes around them.
    assert bool(changed) == (outcome.text != text)
    pieces, fixed_pieces, last, fixed_last = [], [], 0, 0
    for a, b in zip(before.cells, after.cells):
        if a.number in changed:
            pieces.append(text[last:a.span[0]])
            fixed_pieces.append(outcome.text[fixed_last:b.span[0]])
            last, fixed_last = a.span[1], b.span[1]
    assert pieces + [text[last:]] == fixed_pieces + [outcome.text[fixed_last:]]



def test_import_of_a_helper_module_by_name(tmp_path):
    import json as _json

    from shapelint.notebook import infer_notebook_shapes

    (tmp_path / "utils.py").write_text("import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": ["import numpy as np\n", "import utils as u\n", "a = u.sigmoid(np.zeros((3, 1)))\n"]}
    text = _json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    rows = infer_notebook_shapes(text, str(tmp_path / "n.ipynb"))
    assert [(r.cell, r.row, r.name, r.shape) for r in rows] == [(1, 3, "a", [3, 1])]
