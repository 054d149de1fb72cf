"""How much slower a vectorized numpy training loop runs under `shapelint run` than under `python`.

    python benchmarks/runtime_overhead.py [--iterations 300] [--repeat 3]

Writes a two-layer network trained by batch gradient descent (20 features,
2000 samples by default, a few hundred iterations: the course's vectorized style) to a
temporary folder, then runs it plainly and under `python -m shapelint run`,
alternately, `--repeat` times each. The script times its own training loop,
so the ratio is the checker's cost per operation (BLAS is kept to one thread
in both runs, so that the timings are not thread noise); the whole-process times
(which add shapelint's start-up: importing libcst and rewriting the script)
are printed too. Target: a loop ratio of at most 1.5.

Exits 1 if the ratio exceeds `--max-ratio` (default: no limit), so CI can
use it as a check.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TRAINING = '''\
import sys
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train(X, Y, iterations, learning_rate):
    n_x, m = X.shape
    W1 = np.random.randn(16, n_x) * 0.01
    b1 = np.zeros((16, 1))
    W2 = np.random.randn(1, 16) * 0.01
    b2 = np.zeros((1, 1))
    cost = None
    for i in range(iterations):
        Z1 = W1 @ X + b1
        A1 = np.tanh(Z1)
        Z2 = W2 @ A1 + b2
        A2 = sigmoid(Z2)
        cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return cost


np.random.seed(0)
samples = int(sys.argv[2])
X = np.random.randn(20, samples)
Y = (np.random.rand(1, samples) > 0.5).astype(float)
start = time.perf_counter()
cost = train(X, Y, int(sys.argv[1]), 0.5)
print(f"{time.perf_counter() - start:.6f} {float(cost):.6f}")
'''


def _run(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(loop seconds, process seconds, cost printed) of one run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # One BLAS thread for both runs: on a shared machine threads make the timings noise.
    env.update({name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")})
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    loop, cost = done.stdout.split()
    return float(loop), elapsed, cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=2000,
                        help="columns of X; fewer make each numpy call cheaper and the checker's share larger")
    parser.add_argument("--max-ratio", type=float, default=None)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "train.py"
        script.write_text(TRAINING)
        args = [str(options.iterations), str(options.samples)]
        plain_cmd = [sys.executable, str(script), *args]
        checked_cmd = [sys.executable, "-m", "shapelint", "run", str(script), *args]
        plain, checked = [], []
        for _ in range(options.repeat):
            plain.append(_run(plain_cmd, Path(folder)))
            checked.append(_run(checked_cmd, Path(folder)))
    if {p[2] for p in plain} != {c[2] for c in checked}:
        raise SystemExit(f"the checked run computed something else: {plain[0][2]} vs {checked[0][2]}")
    loop_plain, loop_checked = min(p[0] for p in plain), min(c[0] for c in checked)
    process_plain, process_checked = min(p[1] for p in plain), min(c[1] for c in checked)
    ratio = loop_checked / loop_plain
    print(f"training loop, {options.iterations} iterations on {options.samples} samples (best of {options.repeat}):")
    print(f"  python          {loop_plain:8.3f} s")
    print(f"  shapelint run   {loop_checked:8.3f} s")
    print(f"  ratio           {ratio:8.2f}")
    print(f"whole process: python {process_plain:.3f} s, shapelint run {process_checked:.3f} s "
          f"(ratio {process_checked / process_plain:.2f}, start-up included)")
    if options.max_ratio is not None and ratio > options.max_ratio:
        print(f"ratio {ratio:.2f} exceeds {options.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
