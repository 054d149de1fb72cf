"""`shapelint check` on notebooks: output formats, `--fix` and `--diff` per cell, stdin, the cache, the fixture.

The fix tests compare bytes: everything of the file outside the sources of
the flagged cells must be exactly what it was.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from shapelint.checking import CheckOptions, check_paths
from shapelint.cli import main
from shapelint.notebook import read_notebook

from .test_notebook import HELPERS, WEEK2, code, md, notebook_text, stream

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
# The cells of WEEK2 that `--fix --unsafe-fixes` changes: making `w` a column in cell 4 also
# resolves cell 5's `w.T` (SL002) and cell 7's SL003, so only cell 4 is edited.
FIXED = {4}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "helpers.py").write_text(HELPERS)
    return tmp_path


def runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to; later versions keep them apart.
    kwargs = {"mix_stderr": False} if "mix_stderr" in inspect.signature(CliRunner).parameters else {}
    return CliRunner(**kwargs)


def run(*args: str, input: bytes | None = None):
    # Every SL001 origin: these tests are about cells and rows, and a lone origin is their finding.
    return runner().invoke(main, ["check", "--no-cache", "--rank-1", "all", *args], input=input)


def write(project: Path, name: str = "week2.ipynb", **layout) -> Path:
    path = project / name
    path.write_bytes(notebook_text(*WEEK2, **layout).encode("utf-8"))
    return path


def outside_sources(text: str, cells: set[int]) -> list[str]:
    """The file's text cut at the source values of `cells`: what a fix of those cells must leave as it was."""
    pieces, last = [], 0
    for cell in read_notebook(text).cells:
        if cell.number in cells:
            start, end = cell.span
            pieces.append(text[last:start])
            last = end
    return pieces + [text[last:]]


def test_text_output_names_the_cell_and_shows_its_rows(project):
    write(project)
    result = run("week2.ipynb")
    assert result.exit_code == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith("week2.ipynb")]
    assert headers == [
        "week2.ipynb:cell 4:3:5: SL001 [*] `w` is a rank-1 array of shape (3,): `w.T` at line 3 of cell 5 does nothing",
        "week2.ipynb:cell 5:3:12: SL002 [*] `w.T` is the same (3,) array: transposing a rank-1 array does nothing",
        "week2.ipynb:cell 7:2:5: SL003 `w - 0.1 * dw` broadcasts (3,) with (3, 1) into a (3, 3) table",
    ]
    assert "3 | Z = np.dot(w.T, X) + b\n  |            ^^^\n" in result.stdout
    assert "= note: `w` became (3,) at line 3 of cell 4" in result.stdout
    assert run("--quiet", "week2.ipynb").stdout.splitlines()[0].startswith("week2.ipynb:cell 4:3:5: SL001 ")


def test_json_has_the_cell_and_rows_in_the_cell(project):
    write(project)
    findings = json.loads(run("--format", "json", "week2.ipynb").stdout)
    assert [(f["cell"], f["location"]["row"], f["location"]["column"], f["code"]) for f in findings] == [
        (4, 3, 5, "SL001"), (5, 3, 12, "SL002"), (7, 2, 5, "SL003"),
    ]
    assert findings[0]["fix"]["edits"][0]["location"] == {"row": 3, "column": 5}
    (project / "plain.py").write_text("import numpy as np\na = np.random.rand(5)\n")
    assert json.loads(run("--format", "json", "plain.py").stdout)[0]["cell"] is None


def test_sarif_puts_the_cell_in_the_location_and_stays_valid(project):
    write(project)
    document = json.loads(run("--format", "sarif", "week2.ipynb").stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    first = document["runs"][0]["results"][0]
    location = first["locations"][0]
    assert location["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 16, "properties": {"cell": 4},
    }
    assert location["logicalLocations"] == [{"name": "cell 4", "fullyQualifiedName": "week2.ipynb:cell 4"}]
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"]["properties"] == {"cell": 4}


def test_github_annotations_name_the_cell_in_the_message(project):
    write(project)
    first = run("--format", "github", "week2.ipynb").stdout.splitlines()[0]
    assert first.startswith("::warning file=week2.ipynb,title=shapelint (SL001)::cell 4:3:5: `w` is a rank-1 array")


@pytest.mark.parametrize(
    "layout", [dict(), dict(indent=2, newline=False), dict(lists=False), dict(ensure_ascii=True)], ids=repr
)
def test_fix_changes_only_the_sources_of_the_flagged_cells(project, layout):
    path = write(project, **layout)
    before = path.read_bytes()
    result = run("--fix", "--unsafe-fixes", "week2.ipynb")
    after = path.read_bytes()
    assert after != before
    old, new = before.decode(), after.decode()
    assert outside_sources(old, FIXED) == outside_sources(new, FIXED)
    old_cells, new_cells = read_notebook(old).cells, read_notebook(new).cells
    changed = {a.number for a, b in zip(old_cells, new_cells) if a.source != b.source}
    assert changed == FIXED
    assert "w = np.zeros((3, 1))" in new_cells[3].source
    assert json.loads(new)["cells"][1]["outputs"] == json.loads(old)["cells"][1]["outputs"]
    assert "(3 fixed, 0 remaining)" in result.stdout


def test_fix_of_safe_fixes_only_leaves_an_unfixable_notebook_as_it_was(project):
    path = write(project)
    before = path.read_bytes()
    result = run("--fix", "week2.ipynb")
    assert result.exit_code == 1
    assert path.read_bytes() == before


def test_diff_shows_each_changed_cell_and_writes_nothing(project):
    path = write(project)
    before = path.read_bytes()
    result = run("--diff", "--unsafe-fixes", "week2.ipynb")
    assert path.read_bytes() == before
    assert result.exit_code == 1
    headers = re.findall(r"^--- (.*)$", result.stdout, re.MULTILINE)
    assert headers == ["a/week2.ipynb:cell 4"]
    assert result.stderr == "Would fix 3 problems.\n"
    assert "-w = np.zeros(3)\n+w = np.zeros((3, 1))\n" in result.stdout
    assert "+++ b/week2.ipynb:cell 4\n" in result.stdout


def test_stdin_with_a_notebook_name(project):
    text = notebook_text(*WEEK2)
    result = run("-", "--stdin-filename", "week2.ipynb", "--format", "json", input=text.encode())
    assert [(f["cell"], f["code"]) for f in json.loads(result.stdout)] == [(4, "SL001"), (5, "SL002"), (7, "SL003")]
    assert {f["filename"] for f in json.loads(result.stdout)} == {"week2.ipynb"}
    fixed = run("-", "--stdin-filename", "week2.ipynb", "--fix", "--unsafe-fixes", input=text.encode())
    assert outside_sources(text, FIXED) == outside_sources(fixed.stdout, FIXED)
    assert "w = np.zeros((3, 1))" in read_notebook(fixed.stdout).cells[3].source


def test_noqa_in_a_cell_suppresses_that_cells_row(project):
    path = project / "nb.ipynb"
    path.write_text(notebook_text(
        code("import numpy as np\na = np.random.rand(3)  # noqa: SL001"),
        code("b = a.T\nc = np.random.rand(4)"),
    ))
    findings = json.loads(run("--format", "json", "nb.ipynb").stdout)
    # Row 2 of cell 2 is not suppressed by the noqa on row 2 of cell 1.
    assert [(f["cell"], f["location"]["row"], f["code"]) for f in findings] == [(2, 1, "SL002"), (2, 2, "SL001")]


def test_one_cell_that_does_not_parse(project):
    (project / "nb.ipynb").write_text(notebook_text(
        code("import numpy as np\nv = np.random.rand(3)"), code("def f(:\n    pass"), code("w = v.T"),
    ))
    result = run("--format", "json", "nb.ipynb")
    assert [(f["cell"], f["code"]) for f in json.loads(result.stdout)] == [(1, "SL001"), (2, "SL000"), (3, "SL002")]


def test_the_folder_walk_finds_notebooks_and_skips_checkpoints(project):
    write(project)
    (project / ".ipynb_checkpoints").mkdir()
    write(project / ".ipynb_checkpoints", "week2-checkpoint.ipynb")
    (project / "notes.ipynb").write_text(notebook_text(md("# nothing to see"), code("print('hi')")))
    result = run("--format", "json", ".")
    assert {f["filename"] for f in json.loads(result.stdout)} == {"week2.ipynb"}


def test_without_the_helper_its_shapes_are_unknown(project):
    (project / "helpers.py").unlink()
    write(project)
    findings = json.loads(run("--format", "json", "week2.ipynb").stdout)
    assert [f["code"] for f in findings] == ["SL001", "SL002"]  # `A = sigmoid(Z)` is unknown: no SL003


def test_the_cache_knows_the_notebook_depends_on_its_helper(project):
    path = project / "nb.ipynb"
    path.write_text(notebook_text(code("import numpy as np\nfrom helpers import make\nv = make(3)\nw = v.T")))
    (project / "helpers.py").write_text("import numpy as np\ndef make(n):\n    return np.zeros((n, 1))\n")
    cached = ["check", "--format", "json", "nb.ipynb"]
    assert json.loads(runner().invoke(main, cached).stdout) == []
    (project / "helpers.py").write_text("import numpy as np\ndef make(n):\n    return np.zeros(n)\n")
    assert [f["code"] for f in json.loads(runner().invoke(main, cached).stdout)] == ["SL002"]
    assert (project / ".shapelint_cache").is_dir()


def test_workers_check_notebooks_too(project):
    write(project)
    write(project, "again.ipynb")
    result = check_paths(["."], CheckOptions(cache=False, jobs=2))
    assert sorted({(f.filename, f.cell) for f in result.findings}) == [
        ("again.ipynb", 4), ("again.ipynb", 5), ("again.ipynb", 7),
        ("week2.ipynb", 4), ("week2.ipynb", 5), ("week2.ipynb", 7),
    ]


def test_an_unreadable_notebook_is_a_finding_not_a_crash(project):
    (project / "bad.ipynb").write_text('{"cells": [\n')
    result = run("bad.ipynb")
    assert result.exit_code == 1
    assert result.stdout.startswith("bad.ipynb:2:1: SL000 the notebook is not valid JSON")


def test_outputs_with_non_ascii_text_survive_a_fix(project):
    path = project / "nb.ipynb"
    path.write_text(notebook_text(
        md("# Übung 3 — Vektoren"),
        code("import numpy as np\na = np.random.rand(3)  # ein Vektor", count=1, outputs=(stream("ça marche ✓\n"),)),
    ), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    run("--fix", "--unsafe-fixes", "nb.ipynb")
    after = path.read_text(encoding="utf-8")
    assert outside_sources(before, {2}) == outside_sources(after, {2})
    assert "np.random.rand(3, 1)  # ein Vektor" in after


# -- the fixture ----------------------------------------------------------------------------------------

EXPECT = re.compile(r"#\s*expect:\s*(SL\d{3}(?:\s*,\s*SL\d{3})*)")


def expectations(notebook_path: Path) -> set[tuple[int, int, str]]:
    found = set()
    for cell in read_notebook(notebook_path.read_text(encoding="utf-8")).code_cells:
        for row, line in enumerate(cell.source.splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                found.update((cell.number, row, c.strip()) for c in match.group(1).split(","))
    return found


def test_the_course_assignment_fixture_has_exactly_its_planted_findings():
    fixture = ROOT / "fixtures" / "course_assignment.ipynb"
    expected = expectations(fixture)
    assert {code for _, _, code in expected} >= {"SL001", "SL002", "SL003", "SL004"}
    assert len({cell for cell, _, _ in expected}) >= 3
    result = check_paths([str(fixture), str(ROOT / "fixtures" / "nn_utils.py")], CheckOptions(cache=False, jobs=1, rank1="all"))
    assert result.messages == []
    assert {(f.cell, f.start.row, f.code) for f in result.findings} == expected
    assert all(f.filename.endswith("course_assignment.ipynb") for f in result.findings)


def test_the_course_assignment_fixture_reads_like_a_course_assignment():
    text = (ROOT / "fixtures" / "course_assignment.ipynb").read_text(encoding="utf-8")
    nb = read_notebook(text)
    sources = "\n".join(cell.source for cell in nb.code_cells)
    assert sum(cell.kind == "markdown" for cell in nb.cells) >= 5
    for needle in ("from nn_utils import", "%matplotlib inline", "!pip install", "plt.plot(costs)",
                   "import matplotlib.pyplot as plt", "def forward_propagation", "def backward_propagation",
                   "for i in range("):
        assert needle in sources
    assert text.endswith("}\n")


def test_the_pre_commit_hooks_cover_notebooks():
    yaml = pytest.importorskip("yaml")
    identify = pytest.importorskip("identify.identify")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks and all(hook["types_or"] == ["python", "jupyter"] for hook in hooks)
    # pre-commit picks files by identify's tags: a notebook is `jupyter`.
    assert "jupyter" in identify.tags_from_filename("course.ipynb")


def test_a_fix_that_breaks_a_later_cell_is_not_offered(project):
    from shapelint.notebook import NotebookSource

    text = notebook_text(
        code("import numpy as np\nX = np.random.randn(3, 10)\nw = np.zeros(3)\n"),
        code("a = np.dot(w, X)\nb = w.T\n"),
        code("v = np.zeros(4)\nu = v.T\n"),
    )
    found = {(f.cell, f.start.row, f.code): f for f in NotebookSource(project).lint(text, "nb.ipynb")}
    # Making `w` a column would break `np.dot(w, X)` in cell 2; making `v` one breaks nothing.
    assert found[(1, 3, "SL001")].fix is None
    assert found[(3, 1, "SL001")].fix is not None
