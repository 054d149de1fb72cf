"""How much slower a notebook's training loop runs under the checker than without it.

    python benchmarks/notebook_overhead.py [--iterations 300] [--samples 2000] [--repeat 3] [--no-kernel]

Writes a course-style notebook to a temporary folder: data loaded from `.npy`
files beside it, parameters made in one cell, forward and backward
propagation defined in others, and a cell that trains a two-layer network by
batch gradient descent and prints how long its loop took. That loop is timed
four ways, alternately, `--repeat` times each, in the same run:

- `python`: the code cells exec'd in order in one namespace (what
  `jupyter nbconvert --to script` and `python` would run), the baseline;
- `shapelint run course.ipynb`;
- a Jupyter kernel of this Python (nbclient + ipykernel), as the notebook is;
- the same kernel after `%load_ext shapelint`.

The ratios are the checker's cost per operation: `shapelint run` against
`python`, and the kernel with the extension against the kernel without (the
kernel process runs this loop faster than a bare `python` does, so each
ratio compares like with like). The loop is timed in CPU time with BLAS on
one thread everywhere, so that other processes on a busy machine and threads
are not in the figures. Target: both at most 1.5. `--max-ratio` makes the script exit 1 above
it, for CI. `--no-kernel` leaves the kernels out (they need nbclient and
ipykernel).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}

CELLS = [
    "import time\nimport numpy as np",
    "X = np.load('X.npy')\nY = np.load('Y.npy')\nn_x, m = X.shape",
    "def initialize(n_x, n_h, n_y):\n"
    "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
    "    b1 = np.zeros((n_h, 1))\n"
    "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
    "    b2 = np.zeros((n_y, 1))\n"
    "    return W1, b1, W2, b2",
    "def forward(X, W1, b1, W2, b2):\n"
    "    A1 = np.tanh(W1 @ X + b1)\n"
    "    A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))\n"
    "    return A1, A2",
    "def backward(X, Y, A1, A2, W2):\n"
    "    dZ2 = A2 - Y\n"
    "    dW2 = dZ2 @ A1.T / m\n"
    "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
    "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
    "    dW1 = dZ1 @ X.T / m\n"
    "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
    "    return dW1, db1, dW2, db2",
    "np.random.seed(0)\n"
    "W1, b1, W2, b2 = initialize(n_x, 16, 1)\n"
    "start = time.process_time()\n"
    "for i in range(ITERATIONS):\n"
    "    A1, A2 = forward(X, W1, b1, W2, b2)\n"
    "    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))\n"
    "    dW1, db1, dW2, db2 = backward(X, Y, A1, A2, W2)\n"
    "    W1 = W1 - 0.5 * dW1\n"
    "    b1 = b1 - 0.5 * db1\n"
    "    W2 = W2 - 0.5 * dW2\n"
    "    b2 = b2 - 0.5 * db2\n"
    "print(f'{time.process_time() - start:.6f} {float(cost):.6f}')",
]

# The baseline: the code cells in order in one namespace, nothing else.
PLAIN = """\
import json, sys
namespace = {"__name__": "__main__"}
for cell in json.load(open(sys.argv[1]))["cells"]:
    if cell["cell_type"] == "code":
        exec(compile("".join(cell["source"]), "<cell>", "exec"), namespace)
"""


def _notebook(folder: Path, name: str, iterations: int, extension: bool) -> Path:
    cells = ([r"%load_ext shapelint"] if extension else []) + [c.replace("ITERATIONS", str(iterations)) for c in CELLS]
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": source}
            for i, source in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / name
    path.write_text(json.dumps(notebook))
    return path


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **THREADS}


def _process(command: list[str], folder: Path) -> tuple[float, str]:
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=_environment())
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    loop, cost = lines[-1].split()
    return float(loop), cost


def _kernel(path: Path, folder: Path) -> tuple[float, str]:
    import nbclient
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = folder / "kernels" / "bench"
    if not spec.exists():
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        env = {"PYTHONPATH": _environment()["PYTHONPATH"], "IPYTHONDIR": str(folder / "ipython"), **THREADS}
        (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "bench", "language": "python", "env": env}))
    manager = KernelManager(kernel_name="bench", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder / "kernels")]))
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, km=manager, timeout=600, resources={"metadata": {"path": str(folder)}}).execute()
    last = notebook.cells[-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("name") == "stdout")
    loop, cost = text.split()
    return float(loop), cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-kernel", action="store_true", help="time only `python` and `shapelint run`")
    parser.add_argument("--max-ratio", type=float, default=None)
    options = parser.parse_args(argv)
    import numpy as np

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rng = np.random.default_rng(0)
        np.save(folder / "X.npy", rng.standard_normal((20, options.samples)))
        np.save(folder / "Y.npy", (rng.random((1, options.samples)) > 0.5).astype(float))
        plain_nb = _notebook(folder, "course.ipynb", options.iterations, extension=False)
        checked_nb = _notebook(folder, "course_checked.ipynb", options.iterations, extension=True)
        (folder / "plain.py").write_text(PLAIN)
        ways = {
            "python": lambda: _process([sys.executable, "plain.py", plain_nb.name], folder),
            "shapelint run": lambda: _process([sys.executable, "-m", "shapelint", "run", plain_nb.name], folder),
        }
        if not options.no_kernel:
            ways["kernel"] = lambda: _kernel(plain_nb, folder)
            ways["kernel + %load_ext"] = lambda: _kernel(checked_nb, folder)
        times: dict[str, list[float]] = {way: [] for way in ways}
        costs: set[str] = set()
        for _ in range(options.repeat):
            for way, measure in ways.items():
                loop, cost = measure()
                times[way].append(loop)
                costs.add(cost)
    if len(costs) != 1:
        raise SystemExit(f"the ways computed different costs: {sorted(costs)}")
    best = {way: min(values) for way, values in times.items()}
    print(f"training loop in a notebook cell, {options.iterations} iterations on {options.samples} samples "
          f"(best of {options.repeat}):")
    for way, seconds in best.items():
        print(f"  {way:20s} {seconds:8.3f} s")
    ratios = {"shapelint run / python": best["shapelint run"] / best["python"]}
    if "kernel" in best:
        ratios["%load_ext / kernel"] = best["kernel + %load_ext"] / best["kernel"]
    for label, ratio in ratios.items():
        print(f"  ratio {label:24s} {ratio:6.2f}")
    worst = max(ratios.values())
    if options.max_ratio is not None and worst > options.max_ratio:
        print(f"ratio {worst:.2f} exceeds {options.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
