"""The project's own modules: resolved from files, analyzed once, never imported; the cache follows them."""

from __future__ import annotations

import sys
from pathlib import Path

from shapelint.api import lint_source
from shapelint.checking import CheckOptions, check_paths
from shapelint.engine import imports
from shapelint.engine.imports import ProjectImporter, project_dependencies, project_roots
from shapelint.shapes import infer_shapes


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _shapes(path: Path) -> dict[str, object]:
    return {row.name: row.shape for row in infer_shapes(path.read_text(), str(path))}


PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/act.py": (
        "import numpy as np\nSCALE = 3\n"
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
        "class Layer:\n    def __init__(self, n_in, n_out):\n        self.W = np.zeros((n_out, n_in))\n"
        "    def forward(self, X):\n        return self.W @ X\n"
    ),
    "pkg/sub/__init__.py": "",
    "pkg/sub/deep.py": "from ..act import sigmoid\ndef twice(x):\n    return sigmoid(x).T\n",
    "pkg/model.py": (
        "import numpy as np\nfrom .act import sigmoid, Layer\nfrom . import act\nimport pkg.act\n"
        "from pkg.sub.deep import twice\nfrom pkg.act import *\n"
        "a = sigmoid(np.ones((4, 5)))\nb = act.sigmoid(np.ones(3))\nc = pkg.act.sigmoid(np.ones((2, 2)))\n"
        "y = Layer(5, 7).forward(np.ones((5, 9)))\nd = twice(np.ones((2, 3)))\n"
        "def later():\n    return Layer\ne = np.zeros((SCALE, 1))\n"
    ),
}


def test_package_imports_relative_absolute_star_and_nested(tmp_path):
    _write(tmp_path, PACKAGE)
    rows = _shapes(tmp_path / "pkg" / "model.py")
    assert rows == {"a": [4, 5], "b": [3], "c": [2, 2], "y": [7, 9], "d": [3, 2], "e": [3, 1]}


def test_roots_walk_up_packages(tmp_path):
    _write(tmp_path, PACKAGE)
    roots, package = project_roots(tmp_path / "pkg" / "sub" / "deep.py")
    assert roots[0] == tmp_path and package == ("pkg", "sub")
    assert ProjectImporter(tmp_path / "pkg" / "sub" / "deep.py").absolute("act", 2) == "pkg.act"


def test_helpers_beside_a_script_import_helpers(tmp_path):
    _write(
        tmp_path,
        {
            "script.py": "import numpy as np\nimport helpers\nfrom helpers import f\nx = f(np.ones(3))\ny = helpers.g(np.ones((2, 5)))\n",
            "helpers.py": "from helpers2 import h\ndef f(x):\n    return h(x)\ndef g(x):\n    return x.T\n",
            "helpers2.py": "import numpy as np\ndef h(x):\n    return np.outer(x, x)\n",
        },
    )
    assert _shapes(tmp_path / "script.py") == {"x": [3, 3], "y": [5, 2]}


def test_an_import_cycle_ends(tmp_path):
    _write(
        tmp_path,
        {
            "a.py": "import numpy as np\nfrom b import g\ndef f(x):\n    return g(x)\nr = f(np.ones(2))\n",
            "b.py": "from a import f\ndef g(x):\n    return x.T\ndef k(x):\n    return f(x)\n",
        },
    )
    assert _shapes(tmp_path / "a.py")["r"] == [2]


def test_findings_follow_shapes_from_another_module(tmp_path):
    _write(
        tmp_path,
        {
            "lib.py": "import numpy as np\ndef weights(n):\n    return np.zeros((n, 3))\n",
            "main.py": "import numpy as np\nfrom lib import weights\nW = weights(4)\nout = W @ np.ones((4, 2))\n",
        },
    )
    path = tmp_path / "main.py"
    assert [f.code for f in lint_source(path.read_text(), str(path))] == ["SL006"]


def test_each_module_is_analyzed_once_per_process(tmp_path, monkeypatch):
    _write(
        tmp_path,
        {
            "shared.py": "import numpy as np\ndef f(x):\n    return x.T\n",
            "one.py": "import numpy as np\nfrom shared import f\na = f(np.ones((2, 3)))\n",
            "two.py": "import numpy as np\nfrom shared import f\nb = f(np.ones((4, 5)))\n",
        },
    )
    calls = []
    original = imports.analyze_module_info

    def counting(module, importer=None, uncalled=True):
        calls.append(importer.path.name if importer is not None else None)
        return original(module, importer, uncalled)

    monkeypatch.setattr(imports, "analyze_module_info", counting)
    assert _shapes(tmp_path / "one.py")["a"] == [3, 2]
    assert _shapes(tmp_path / "two.py")["b"] == [5, 4]
    assert calls == ["shared.py"]


def test_the_static_analyzer_never_imports_what_it_reads(tmp_path, monkeypatch):
    marker = tmp_path / "imported.txt"
    side_effect = f"open({str(marker)!r}, 'w').write('ran')\nimport sys\nsys.exit(3)\n"
    _write(
        tmp_path,
        {
            "pkg/__init__.py": side_effect,
            "pkg/evil.py": side_effect + "def f(x):\n    return x\n",
            "evilhelper.py": side_effect + "def g(x):\n    return x\n",
            "main.py": "import numpy as np\nimport pkg.evil\nfrom evilhelper import g\nfrom pkg.evil import *\nx = g(np.ones(2))\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    before = set(sys.modules)
    check_paths([str(tmp_path)], CheckOptions(cache=False, jobs=1))
    _shapes(tmp_path / "main.py")
    assert not marker.exists()
    assert not {"pkg", "pkg.evil", "evilhelper", "main"} & (set(sys.modules) - before)


def test_the_cache_invalidates_a_file_when_a_module_it_reads_changes(tmp_path, monkeypatch):
    _write(
        tmp_path,
        {
            "lib.py": "import numpy as np\nfrom deeper import make\ndef weights():\n    return make()\n",
            "deeper.py": "import numpy as np\ndef make():\n    return np.zeros((4, 3))\n",
            "main.py": "import numpy as np\nfrom lib import weights\nout = weights() @ np.ones((3, 2))\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    options = CheckOptions(cache=True, jobs=1)
    assert [f.code for f in check_paths(["main.py"], options).findings] == []
    (tmp_path / "deeper.py").write_text("import numpy as np\ndef make():\n    return np.zeros((4, 5))\n")
    assert [f.code for f in check_paths(["main.py"], options).findings] == ["SL006"]
    deps = [Path(p).name for p, _ in project_dependencies(tmp_path / "main.py", (tmp_path / "main.py").read_text())]
    assert deps == ["deeper.py", "lib.py"]
