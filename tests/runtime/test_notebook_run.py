"""`shapelint run course.ipynb`: the cells in order in one namespace, findings by cell, the file only read."""

from __future__ import annotations

import json
import sys

from ._helpers import run_json, shapelint_run, write
from ._notebooks import COURSE, COURSE_FINDINGS, write_course_data, write_notebook


def _places(findings: list[dict]) -> set[tuple[str, int, int, int]]:
    return {(f["code"], f["cell"], f["location"]["row"], f["location"]["column"]) for f in findings}


def test_a_course_notebook_reports_by_cell_and_stops_at_the_error(tmp_path) -> None:
    write_course_data(tmp_path / "week2")
    path = write_notebook(tmp_path / "week2", "course.ipynb", COURSE)
    before = path.read_bytes()
    run = run_json(tmp_path, "week2/course.ipynb")
    assert run.process.returncode == 1
    assert path.read_bytes() == before
    # The data came from the notebook's folder; the shell line did not run; the cell after the error neither.
    assert run.process.stdout == "(3, 20) (1, 20)\n(20,)\n"
    assert _places(run.findings) == COURSE_FINDINGS
    assert {f["filename"] for f in run.findings} == {"week2/course.ipynb"}
    assert {f["source"] for f in run.findings} == {"runtime"}
    # The traceback names the cell and shows its row; the error is explained after it.
    stderr = run.process.stderr
    assert 'File "week2/course.ipynb:cell 7", line 3, in <module>\n    Z1 = W1 @ X + b1\n' in stderr
    if sys.version_info >= (3, 11):  # carets under the failing expression, as Python puts them
        assert "    Z1 = W1 @ X + b1\n         ~~~~~~~^~~~\n" in stderr
    assert "ValueError: operands could not be broadcast together with shapes (4,20) (3,)" in stderr
    assert "week2/course.ipynb:cell 7:3:6: SL005" in stderr
    assert "`W1 @ X` is (4, 20): `W1` (4, 3) @ `X` (3, 20)" in stderr
    error = next(f for f in run.findings if f["code"] == "SL005")
    assert "(4, 20)" in error["message"] and "(3,)" in error["message"]
    transpose = next(f for f in run.findings if f["code"] == "SL002")
    assert "`w.reshape(1, 3)`" in transpose["message"]
    assert transpose["fix"]["edits"][0]["location"] == {"row": 1, "column": 9}


def test_text_names_the_cell_and_shows_its_rows(tmp_path) -> None:
    write_course_data(tmp_path)
    write_notebook(tmp_path, "course.ipynb", COURSE)
    done = shapelint_run(tmp_path, "course.ipynb")
    assert done.returncode == 1
    assert "course.ipynb:cell 5:1:9: SL002" in done.stderr
    assert "1 | w_row = w.T\n  |         ^^^\n" in done.stderr
    assert "= note: `w` became (3,) at line 2 of cell 4" in done.stderr
    assert "course.ipynb:cell 4:2:5: SL001" in done.stderr
    assert "Found 4 problems" in done.stderr


def test_sarif_locates_findings_in_cells(tmp_path) -> None:
    write_course_data(tmp_path)
    write_notebook(tmp_path, "course.ipynb", COURSE)
    shapelint_run(tmp_path, "--format", "sarif", "--output", "out.sarif", "course.ipynb")
    results = json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    places = set()
    for result in results:
        location = result["locations"][0]
        region = location["physicalLocation"]["region"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "course.ipynb"
        places.add((result["ruleId"], region["properties"]["cell"], region["startLine"], region["startColumn"]))
    assert places == COURSE_FINDINGS


def test_helpers_beside_the_notebook_are_instrumented(tmp_path) -> None:
    write(tmp_path, "helpers.py", """\
        import numpy as np


        def normalize(A):
            return A / A.sum(axis=1)
    """)
    write_notebook(tmp_path, "nb.ipynb", [
        "import numpy as np\nfrom helpers import normalize",
        "P = normalize(np.ones((4, 4)))\nprint(P.shape)",
    ])
    run = run_json(tmp_path, "nb.ipynb")
    assert run.process.stdout == "(4, 4)\n"
    helper = [f for f in run.findings if f["filename"] == "helpers.py"]
    assert [(f["code"], f["cell"], f["location"]["row"]) for f in helper] == [("SL007", None, 5)]


def test_a_clean_notebook_exits_zero_and_keeps_its_namespace(tmp_path) -> None:
    write_notebook(tmp_path, "ok.ipynb", [
        "import numpy as np\nimport sys\n%matplotlib inline\nv = np.zeros((3, 1))",
        "%time w = v.T\nprint(__name__, sys.argv[1:], '__file__' in dir())",
        "display(v.T.shape)\nprint(callable(get_ipython))",
    ])
    done = shapelint_run(tmp_path, "ok.ipynb", "--lr", "0.1")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "__main__ ['--lr', '0.1'] False\n(1, 3)\nTrue\n"
    assert "All checks passed!" in done.stderr


def test_a_cell_magic_runs_through_ipython(tmp_path) -> None:
    write_notebook(tmp_path, "magic.ipynb", [
        "import numpy as np\nv = np.ones((2, 1))",
        "%%writefile written.txt\nfrom a cell magic\n",
        "%%capture captured\nprint('hidden')",
        "print(captured.stdout.strip(), v.shape)",
    ])
    done = shapelint_run(tmp_path, "magic.ipynb")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "written.txt").read_text() == "from a cell magic"
    assert done.stdout.endswith("hidden (2, 1)\n")


def test_without_ipython_a_cell_magic_is_skipped_with_a_message(tmp_path) -> None:
    # An IPython that cannot be imported, first on the path: as if it were not installed.
    write(tmp_path, "no_ipython/IPython/__init__.py", "raise ImportError('no IPython here')\n")
    write_notebook(tmp_path, "magic.ipynb", [
        "import numpy as np",
        "%%timeit\nnp.ones(3)",
        "v = np.zeros(3)\nprint(v.T.shape)",
    ])
    done = shapelint_run(tmp_path / "no_ipython", "../magic.ipynb")
    assert done.returncode == 1
    assert done.stdout == "(3,)\n"
    # Outside the working directory, the notebook is named by its absolute path.
    assert f"{tmp_path}/magic.ipynb:cell 2: skipped: `%%timeit` needs IPython (pip install ipython)" in done.stderr
    assert f"{tmp_path}/magic.ipynb:cell 3:1:5: SL001" in done.stderr


def test_a_cell_that_does_not_parse_ends_the_run_there(tmp_path) -> None:
    write_notebook(tmp_path, "broken.ipynb", [
        "import numpy as np\nv = np.zeros(3)\nt = v.T",
        "x = (",
        "print('not run')",
    ])
    run = run_json(tmp_path, "broken.ipynb")
    assert run.process.returncode == 1
    assert run.process.stdout == ""
    assert 'File "broken.ipynb:cell 2", line 1' in run.process.stderr
    assert "SyntaxError" in run.process.stderr
    assert _places(run.findings) == {("SL001", 1, 2, 5), ("SL002", 1, 3, 5)}


def test_noqa_and_configuration_apply_per_cell(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nignore = ["SL003"]\n')
    write_notebook(tmp_path, "nb.ipynb", [
        "import numpy as np\na = np.zeros(3)  # noqa: SL001\nb = np.ones(3)",
        "c = np.dot(b, b.T)\nd = a + np.ones((3, 1))",
    ])
    run = run_json(tmp_path, "nb.ipynb")
    assert {(f["code"], f["cell"], f["location"]["row"]) for f in run.findings} == {("SL001", 1, 3), ("SL004", 2, 1)}


def test_compare_matches_static_findings_by_cell(tmp_path) -> None:
    write_notebook(tmp_path, "nb.ipynb", [
        "import numpy as np\na = np.random.rand(5)",
        "# md text",
        "t = a.T\nw = np.ones((5, 5))\nrows = w / w.sum(axis=1)",
    ])
    done = shapelint_run(tmp_path, "--compare", "--format", "json", "--output", "out.json", "nb.ipynb")
    comparison = json.loads(done.stderr)
    statuses = {(s["code"], s["cell"], s["location"]["row"], s["status"]) for s in comparison["static_findings"]}
    assert statuses == {
        ("SL001", 1, 2, "confirmed"),
        ("SL002", 3, 1, "confirmed"),
        ("SL007", 3, 3, "confirmed"),
    }
    assert comparison["runtime_only"] == []
    assert comparison["shapes"]["compared"] >= 3 and comparison["shapes"]["disagreements"] == []


def test_a_file_that_is_no_notebook_exits_2(tmp_path) -> None:
    (tmp_path / "bad.ipynb").write_text("{not json")
    done = shapelint_run(tmp_path, "bad.ipynb")
    assert done.returncode == 2
    assert "bad.ipynb: the notebook is not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr
    write_notebook(tmp_path, "r.ipynb", ["x <- 1"], language="R")
    done = shapelint_run(tmp_path, "r.ipynb")
    assert (done.returncode, done.stderr.strip()) == (2, "shapelint run: r.ipynb is a R notebook: only Python notebooks run")


def test_rank_1_mode_reaches_the_cells_and_notes_point_into_them(tmp_path) -> None:
    write_notebook(tmp_path, "nb.ipynb", [
        "import numpy as np\na = np.random.rand(5)\nlone = np.zeros(3)",
        "t = a.T",
    ])
    hazards = run_json(tmp_path, "nb.ipynb")
    assert {(f["code"], f["cell"], f["location"]["row"]) for f in hazards.findings} == {("SL001", 1, 2), ("SL002", 2, 1)}
    origin = next(f for f in hazards.findings if f["code"] == "SL001")
    assert "`a.T` at line 1 of cell 2 does nothing" in origin["message"]
    (note,) = next(f for f in hazards.findings if f["code"] == "SL002")["notes"]
    assert note["message"] == "`a` became (5,) at line 2 of cell 1"
    assert (note["filename"], note["cell"], note["location"]["row"]) == ("nb.ipynb", 1, 2)
    everything = run_json(tmp_path, "nb.ipynb", rank1="all")
    assert ("SL001", 1, 3) in {(f["code"], f["cell"], f["location"]["row"]) for f in everything.findings}
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nrank-1 = "all"\n')
    shapelint_run(tmp_path, "--format", "json", "--output", "configured.json", "nb.ipynb")
    configured = json.loads((tmp_path / "configured.json").read_text())
    assert ("SL001", 1, 3) in {(f["code"], f["cell"], f["location"]["row"]) for f in configured}
