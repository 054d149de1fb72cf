"""`%load_ext shapelint` in a real Jupyter kernel (nbclient + ipykernel), and in an IPython shell.

The kernel is this environment's Python, from a kernelspec written to a
temporary folder; IPython's own files go to a temporary IPYTHONDIR. Nothing
needs the network.
"""

from __future__ import annotations

import atexit

import json
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402
from traitlets.config import Config  # noqa: E402

from ._helpers import run_json, write  # noqa: E402
from ._notebooks import COURSE, COURSE_FINDINGS, write_course_data, write_notebook  # noqa: E402

FINDING = re.compile(r"^In\[(\d+)\]:(\d+):(\d+): (SL\d{3})", re.MULTILINE)
LOAD = "%load_ext shapelint"


def execute(path: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """Run every cell of the notebook in a fresh kernel of this Python, in the notebook's folder; the cells with outputs."""
    kernels = tmp_path / "kernels" / "shapelint-test"
    kernels.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "shapelint test",
        "language": "python",
        "env": {"IPYTHONDIR": str(tmp_path / "ipython"), "OPENBLAS_NUM_THREADS": "1"},
    }
    (kernels / "kernel.json").write_text(json.dumps(spec))
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    manager = KernelManager(kernel_name="shapelint-test", kernel_spec_manager=specs)
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, km=manager, timeout=120, allow_errors=True, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return notebook


def stderr_of(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")


def printed(notebook: nbformat.NotebookNode) -> dict[int, set[tuple[str, int, int, int]]]:
    """Per notebook cell (1-based): the findings printed under it, each (code, cell it names, row, column)."""
    cell_of_count = {c.execution_count: i for i, c in enumerate(notebook.cells, 1) if c.cell_type == "code"}
    out: dict[int, set[tuple[str, int, int, int]]] = {}
    for number, cell in enumerate(notebook.cells, 1):
        for count, row, column, code in FINDING.findall(stderr_of(cell)):
            out.setdefault(number, set()).add((code, cell_of_count[int(count)], int(row), int(column)))
    return out


def test_a_kernel_with_the_extension_prints_each_finding_under_its_cell(tmp_path) -> None:
    write_course_data(tmp_path)
    path = write_notebook(tmp_path, "course.ipynb", [COURSE[0], LOAD, *COURSE[1:]])
    notebook = execute(path, tmp_path)
    # The extension's cell is cell 2: every later cell is one further than in COURSE.
    expected = {(code, cell + 1, row, column) for code, cell, row, column in COURSE_FINDINGS}
    found = printed(notebook)
    assert set().union(*found.values()) == expected
    # Under the cell that caused each: the `.T` cell, the cell that raised; the weights' origin under its own
    # cell, or (where SL001 waits for a hazard) under the `.T` cell.
    assert found[8] == {("SL001", 8, 2, 6), ("SL005", 8, 3, 6)}
    assert ("SL002", 6, 1, 9) in found[6]
    assert ("SL001", 5, 2, 5) in found.get(5, set()) | found[6]
    assert set(found) <= {5, 6, 8}
    transpose = stderr_of(notebook.cells[5])
    assert "`w.T` is the same (3,) array" in transpose and "= note: `w` became (3,) at line 2 of In[4]" in transpose
    error = notebook.cells[7]
    [raised] = [o for o in error.outputs if o.output_type == "error"]
    assert raised.ename == "ValueError"
    # The traceback is the kernel's own: one frame, the cell's, at the failing row.
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(raised.traceback))
    assert traceback.count("Cell In[") == 1 and "----> 3 Z1 = W1 @ X + b1" in traceback
    assert "`W1 @ X` is (4, 20): `W1` (4, 3) @ `X` (3, 20)" in stderr_of(error)
    # The cells' own output is untouched.
    stdout = "".join(o.get("text", "") for o in notebook.cells[3].outputs if o.get("name") == "stdout")
    assert stdout == "(3, 20) (1, 20)\n"


def test_run_and_the_extension_agree_cell_by_cell(tmp_path) -> None:
    """The same notebook both ways: `shapelint run` reads `%load_ext` as a no-op line."""
    write(tmp_path, "helpers.py", """\
        import numpy as np


        def center(A):
            return A - A.mean(axis=1)
    """)
    np_cells = [
        LOAD,
        "import numpy as np\nfrom helpers import center\nS = np.load('scores.npy')",
        "# md softmax by rows",
        "E = np.exp(S)\nP = E / E.sum(axis=1)\nv = S[:, 0]",
        "C = center(S)\nouter = np.dot(v, v.T)\nshift = v + S[:, :1]",
    ]
    import numpy as np

    np.save(tmp_path / "scores.npy", np.arange(16.0).reshape(4, 4))
    path = write_notebook(tmp_path, "both.ipynb", np_cells)
    run = run_json(tmp_path, "both.ipynb")
    by_run = {(f["code"], f["cell"], f["location"]["row"], f["location"]["column"]) for f in run.findings if f["cell"]}
    assert {code for code, *_ in by_run} >= {"SL001", "SL004", "SL003", "SL007"}
    notebook = execute(path, tmp_path)
    assert set().union(*printed(notebook).values()) == by_run
    # The helper's finding names the helper, under the cell that called it.
    assert "helpers.py:5:12: SL007" in stderr_of(notebook.cells[4])


# -- an IPython shell in this process --


@pytest.fixture
def shell(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    made = InteractiveShell(config=Config({"HistoryManager": {"enabled": False}}), colors="nocolor")
    # IPython loads the magics of `%load_ext` lazily; have them loaded before any snapshot.
    made.run_line_magic("unload_ext", "no_such_extension")
    yield made
    made.run_line_magic("unload_ext", "shapelint")
    # Each shell registers an exit hook that resets it with a full garbage collection; at the end of
    # a whole test run, over every cache the run has built, those took minutes.
    atexit.unregister(made.atexit_operations)
    InteractiveShell.clear_instance()


def _state(shell: InteractiveShell) -> tuple:
    events = {name: list(callbacks) for name, callbacks in shell.events.callbacks.items()}
    formatter = vars(shell.InteractiveTB).get("structured_traceback")
    return (list(shell.ast_transformers), events, dict(shell.magics_manager.magics["line"]), list(sys.meta_path), formatter)


def test_unloading_restores_the_shell(shell, capsys) -> None:
    before = _state(shell)
    shell.run_cell(LOAD)
    assert _state(shell) != before
    shell.run_cell("import numpy as np\nv = np.zeros(3)\nt = v.T", store_history=True)
    assert "SL002" in capsys.readouterr().err
    shell.run_cell("%unload_ext shapelint")
    assert _state(shell) == before
    shell.run_cell("w = np.zeros(4)\nu = w.T\nu2 = t.T", store_history=True)
    assert capsys.readouterr().err == ""
    assert shell.user_ns["u"].shape == (4,)


def test_the_magic_sets_the_rank_1_mode_and_the_codes(shell, capsys) -> None:
    shell.run_cell(LOAD)
    shell.run_cell("%shapelint --rank-1 all --ignore SL002")
    assert capsys.readouterr().out == "shapelint checks every cell: rank-1 all, select the configuration's, ignore SL002\n"
    from shapelint.runtime.extension import _LOADED

    checker = _LOADED[id(shell)]
    assert (checker.rank_1, checker.ignore) == ("all", ("SL002",))
    shell.run_cell("import numpy as np\nv = np.zeros(3)\nt = v.T", store_history=True)
    err = capsys.readouterr().err
    assert "SL001" in err and "SL002" not in err
    shell.run_cell("%shapelint --rank-1 some")
    assert "argument --rank-1: invalid choice: 'some'" in capsys.readouterr().err
    shell.run_cell("%shapelint --select SL999")
    assert "SL999" in capsys.readouterr().err and checker.select is None


def test_sl001_waits_for_a_hazard_unless_the_magic_asks_for_every_rank_1_array(shell, capsys) -> None:
    shell.run_cell(LOAD)
    shell.run_cell("import numpy as np\nlone = np.zeros(3)\nv = np.ones(4)", store_history=True)
    assert capsys.readouterr().err == ""
    shell.run_cell("t = v.T", store_history=True)
    err = capsys.readouterr().err
    # The origin is reported once its hazard runs, naming it; its note points at the cell that made it.
    assert "In[1]:3:5: SL001" in err and "`v.T` at line 1 of In[2] does nothing" in err
    assert "= note: `v` became (4,) at line 3 of In[1]" in err and "lone" not in err
    shell.run_cell("%shapelint --rank-1 all")
    capsys.readouterr()
    shell.run_cell("w = np.zeros(5)", store_history=True)
    assert "In[3]:1:5: SL001" in capsys.readouterr().err


def test_tracebacks_leave_out_the_checkers_frames(shell, capsys) -> None:
    shell.run_cell(LOAD)
    shell.run_cell("import numpy as np\ndef f(a):\n    return a + np.ones(4)\nf(np.ones(3))", store_history=True)
    captured = capsys.readouterr()
    traceback = captured.out + captured.err
    assert traceback.count("----> 3") == 1 and "----> 3     return a + np.ones(4)" in traceback
    assert "lambda" not in traceback and "Could not get source" not in traceback
    assert "In[1]:3:12: SL005" in captured.err


def test_each_finding_is_printed_once(shell, capsys) -> None:
    shell.run_cell(LOAD)
    shell.run_cell("import numpy as np\ndef f(n):\n    v = np.zeros(n)\n    return v.T", store_history=True)
    for n in (3, 4):
        shell.run_cell(f"f({n})", store_history=True)
    err = capsys.readouterr().err
    assert err.count("SL002") == 1 and err.count("SL001") == 1


def test_the_last_expression_is_still_displayed(shell, capsys) -> None:
    shell.run_cell(LOAD)
    shell.run_cell("import numpy as np\n(np.ones((2, 3)) @ np.ones((3, 1))).shape", store_history=True)
    assert "(2, 1)" in capsys.readouterr().out


def test_without_the_extension_nothing_is_added(shell) -> None:
    before = _state(shell)
    import shapelint  # noqa: F401 - importing the package must not change the shell

    shell.run_cell("import numpy as np\nv = np.zeros(3)", store_history=True)
    assert _state(shell) == before
    assert not any(name.startswith("__shapelint") for name in shell.user_ns)
