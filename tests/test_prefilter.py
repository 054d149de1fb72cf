"""The cheap test that lets files which cannot reach numpy skip the analyzer never skips one that can."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from shapelint import api
from shapelint.checking import CheckOptions, check_paths
from shapelint.prefilter import forget, imports, needs_analysis, syntax_findings
from shapelint.rules import RULES

SETTINGS = settings(max_examples=150, deadline=None)

# Every way a module can bring numpy in; `{a}` is an alias.
SPELLINGS = [
    "import numpy",
    "import numpy as {a}",
    "from numpy import zeros",
    "from numpy import (\n    zeros,\n    ones as {a},\n)",
    "from numpy import *",
    "from numpy.linalg import norm",
    "import numpy.linalg as {a}",
    "import numpy.random",
    "import os, numpy",
    "import os; import numpy as {a}",
    's = "#"; import numpy',
    "import \\\n    numpy",
    "try: import numpy as {a}\nexcept ImportError: {a} = None",
    "if TYPE_CHECKING:\n    import numpy",
    "def f():\n    import numpy as {a}\n    return {a}.zeros(3)",
    "class C: import numpy",
    "{a} = __import__('numpy')",
    '{a} = importlib.import_module("numpy")',
    "import ｎｕｍｐｙ as {a}",  # Python reads identifiers after NFKC normalization
    "from jax import numpy as {a}",
]
# Lines around the import that mention numpy only in comments, or not at all.
FILLER = [
    "x = 1",
    "# numpy is not imported here",
    "    # nor here: numpy",
    '"""A docstring."""',
    "def g(y):\n    return y * 2",
    "import os",
    "from collections import OrderedDict",
]

aliases = st.sampled_from(["np", "xp", "la", "_np"])
fillers = st.lists(st.sampled_from(FILLER), max_size=4)


def program(before: list[str], line: str, after: list[str]) -> str:
    return "\n".join([*before, line, *after]) + "\n"


@SETTINGS
@given(st.sampled_from(SPELLINGS), aliases, fillers, fillers)
def test_a_file_naming_numpy_is_never_skipped(spelling, alias, before, after):
    assert needs_analysis(program(before, spelling.format(a=alias), after), None)


# How a module in package `pkg` imports its sibling `{m}` (`from_sub`: from the subpackage `pkg/sub`).
SIBLING = ["import {m}", "from {m} import f", "from . import {m}", "from .{m} import f", "from pkg import {m}",
           "from pkg.{m} import f", "import pkg.{m} as m", "from . import (\n    other,\n    {m},\n)"]
FROM_SUB = ["from ..{m} import f", "from .. import {m}", "from pkg.{m} import f", "import pkg.{m}"]


def project(root: Path, chain: list[str], last: str, main_import: str, main_in_sub: bool) -> Path:
    """`pkg/h0.py` ... `pkg/hN.py`, each importing the next by `chain[i]`, the last holding `last`."""
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "sub" / "__init__.py").write_text("")
    (root / "pkg" / "other.py").write_text("# numpy\n")
    for i, spelling in enumerate(chain):
        (root / "pkg" / f"h{i}.py").write_text("# uses numpy, they say\n" + spelling.format(m=f"h{i + 1}") + "\n")
    (root / "pkg" / f"h{len(chain)}.py").write_text(f"{last}\n\ndef f():\n    return 1\n")
    main = root / "pkg" / ("sub" if main_in_sub else "") / "main.py"
    main.write_text(f"{main_import.format(m='h0')}\n\nx = f()\n")
    return main


@SETTINGS
@given(
    chain=st.lists(st.sampled_from(SIBLING), max_size=3),
    last=st.sampled_from(SPELLINGS).map(lambda s: s.format(a="np")),
    main_in_sub=st.booleans(),
    data=st.data(),
)
def test_a_file_reaching_numpy_through_its_project_is_never_skipped(chain, last, main_in_sub, data):
    main_import = data.draw(st.sampled_from(FROM_SUB if main_in_sub else SIBLING))
    forget()
    with tempfile.TemporaryDirectory() as folder:
        main = project(Path(folder), chain, last, main_import, main_in_sub)
        assert needs_analysis(main.read_text(), main.parent)
        # The same project without numpy: nothing to analyze.
        (Path(folder) / "pkg" / f"h{len(chain)}.py").write_text("# numpy, one day\n\ndef f():\n    return 1\n")
        forget()
        assert not needs_analysis(main.read_text(), main.parent)


def test_import_cycles_end():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.py").write_text("import b\n")
        (root / "b.py").write_text("from a import x\nimport c\n")
        (root / "c.py").write_text("import a\n")
        assert not needs_analysis("import a\n", root)
        (root / "c.py").write_text("import a\nimport numpy\n")
        assert not needs_analysis("import a\n", root)  # what a run learnt holds until it forgets
        forget()
        assert needs_analysis("import a\n", root)


def test_modules_are_found_up_to_the_project_root():
    forget()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in {
            "pyproject.toml": "",
            "src/mypkg/__init__.py": "",
            "src/mypkg/arrays.py": "import numpy as np\n\ndef f():\n    return np.ones(3)\n",
            "tests/test_arrays.py": "from mypkg.arrays import f\n",  # tests beside a src layout
            "ns/helpers.py": "from numpy import zeros\n",
            "ns/pkg/__init__.py": "",
            "ns/pkg/mod.py": "from ns.helpers import zeros\n",  # `ns` is a namespace package
            "ns/pkg/plain.py": "import json\nfrom ns.pkg import other\n",
        }.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        for name, reaches in [("tests/test_arrays.py", True), ("ns/pkg/mod.py", True), ("ns/pkg/plain.py", False)]:
            assert needs_analysis((root / name).read_text(), (root / name).parent) is reaches, name


def test_imports_is_a_superset():
    assert imports("from .a import b, c as d\nimport x.y as z\n") == {
        (0, "x"), (0, "x.y"), (1, "a"), (1, "a.b"), (1, "a.c")}
    assert (0, "late") in imports("def f():\n    import late\n")
    assert imports("from .. import *\n") == {(2, "")}
    assert imports("from zipimport import zipimporter\nx = reimport\n") == {(0, "zipimport"), (0, "zipimport.zipimporter")}


def test_the_engine_finds_nothing_without_numpy():
    """The premise: every rule's own bad examples, numpy and shape declarations renamed away, give no finding but SL000."""
    for rule in RULES:
        for source in (example.source for example in rule.invalid):
            renamed = source.replace("numpy", "numbers").replace("ndarray", "ndthing").replace("NDArray", "NDThing")
            renamed = renamed.replace("jaxtyping", "jaxthing").replace("array-like", "list-like")
            assert not needs_analysis(renamed, None)
            found = [f.code for f in api.lint_source(renamed, "x.py", rank1="all")]
            assert found == [f.code for f in syntax_findings(renamed, "x.py")], (rule.code, source)
            assert needs_analysis(source, None) or rule.code == "SL000"


def test_a_module_that_only_declares_shapes_is_analyzed():
    # numpydoc in a module that never imports numpy: its SL011 must not be skipped.
    assert needs_analysis('def f(X):\n    """X : ndarray of shape (n, 2)"""\n', None)
    assert needs_analysis("def f(X: Float[Array, 'n']):\n    from jaxtyping import Float\n", None)
    assert not needs_analysis('def f(X):\n    """X : list of ints"""\n', None)


def test_skipped_files_get_pythons_syntax_errors():
    (finding,) = syntax_findings("print 'x'\n", "old.py")
    assert (finding.code, finding.start.row, finding.start.column) == ("SL000", 1, 1)
    assert finding.message.startswith("SyntaxError: Missing parentheses in call to 'print'")
    assert syntax_findings("def f():\n    return 1\n", "ok.py") == []


def test_check_skips_unless_told_not_to(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    calls = []

    def counting(text, filename, **options):
        calls.append(filename)
        return []

    monkeypatch.setattr(api, "lint_source", counting)
    (tmp_path / "plain.py").write_text("import os\n")
    (tmp_path / "arrays.py").write_text("import numpy as np\n")
    (tmp_path / "broken.py").write_text("def f(:\n")
    result = check_paths(["."], CheckOptions(jobs=1))
    assert calls == ["arrays.py"]
    assert [(f.filename, f.code) for f in result.findings] == [("broken.py", "SL000")]
    # Analyzed now (arrays.py's result is in the cache): a skipped file's entry never answers for an analysis.
    check_paths(["."], CheckOptions(jobs=1, prefilter=False))
    assert sorted(calls[1:]) == ["broken.py", "plain.py"]


def test_unknown_values_are_arrays_only_where_numpy_is_reached():
    # `n, m = X.shape` and `x.reshape(-1, 1)` make arrays of unknown values in a numpy module only:
    # elsewhere X may be a table or a tensor, and the module must have no finding (it is skipped).
    body = "def f(X, x):\n    n, m = X.shape\n    r = X[0]\n    c = x.reshape(-1, 1)\n    return r.T, c.T\n"
    assert api.lint_source(body, "x.py", rank1="all") == []
    found = [f.code for f in api.lint_source("import numpy as np\n" + body, "x.py", rank1="all")]
    assert found.count("SL002") == 1 and "SL001" in found  # `r.T` of a row of a 2-D X; `c.T` is a row
