"""Realistic scripts under `shapelint run`: every expected finding at its row, with observed shapes and the fix.

These scripts are written here, not taken from the fixtures: the runtime
must find what it finds on code nobody tuned it for.
"""

from __future__ import annotations

import json

from ._helpers import python, run_json, shapelint_run, write

LOGISTIC_REGRESSION = """\
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


rng = np.random.default_rng(0)
m, n = 200, 3
X = rng.normal(size=(m, n))
true_w = np.array([1.5, -2.0, 0.5])
y = (X @ true_w + 0.1 * rng.normal(size=m) > 0).astype(float)
w = np.zeros(n)
b = 0.0
for epoch in range(300):
    p = sigmoid(X @ w + b)
    grad_w = X.T @ (p - y) / m
    grad_b = np.mean(p - y)
    w -= 0.5 * grad_w
    b -= 0.5 * grad_b
accuracy = np.mean((sigmoid(X @ w + b) > 0.5) == y)
print(f"accuracy {accuracy:.2f}")
"""


def test_logistic_regression(tmp_path) -> None:
    write(tmp_path, "logreg.py", LOGISTIC_REGRESSION)
    run = run_json(tmp_path, "logreg.py", rank1="all")
    assert run.process.returncode == 1
    assert run.process.stdout.startswith("accuracy ")
    assert run.process.stdout == python(tmp_path, "logreg.py").stdout
    assert run.codes_by_row() == {("SL001", 11), ("SL001", 13)}
    weights = run.at("SL001", 13)
    assert "(3,)" in weights["message"] and "`w.reshape(3, 1)`" in weights["message"]
    # A (3, 1) `w` would make `p - y` a (200, 200) table: that fix is not offered.
    assert weights["fix"] is None
    assert weights["source"] == "runtime" and weights["filename"] == "logreg.py"
    assert "`np.array([1.5, -2.0, 0.5]).reshape(3, 1)`" in run.at("SL001", 11)["message"]


MISALIGNED_NORMALIZATION = """\
import numpy as np

rng = np.random.default_rng(1)
scores = rng.random((4, 4))
probabilities = scores / scores.sum(axis=1)
features = rng.random((6, 6))
centered = features - features.mean(axis=1)
print(probabilities.shape, centered.shape)
"""


def test_a_misaligned_normalization_whose_sizes_coincide(tmp_path) -> None:
    write(tmp_path, "normalize.py", MISALIGNED_NORMALIZATION)
    run = run_json(tmp_path, "normalize.py")
    assert run.process.returncode == 1
    assert run.process.stdout == "(4, 4) (6, 6)\n"
    assert run.codes_by_row() == {("SL007", 5), ("SL007", 7)}
    rows = run.at("SL007", 5)
    assert "(4,)" in rows["message"] and "(4, 4)" in rows["message"]
    assert "`scores.sum(axis=1, keepdims=True)`" in rows["message"]
    assert rows["fix"]["edits"][0]["content"] == "scores.sum(axis=1, keepdims=True)"
    assert "`features.mean(axis=1, keepdims=True)`" in run.at("SL007", 7)["message"]


RANK_ONE_TRANSPOSE = """\
import numpy as np

v = np.linspace(0, 1, 5)
column = v.T
outer = np.dot(v, v.T)
print(column.shape, np.shape(outer))
"""


def test_a_transpose_of_a_rank_one_vector(tmp_path) -> None:
    write(tmp_path, "transpose.py", RANK_ONE_TRANSPOSE)
    run = run_json(tmp_path, "transpose.py")
    assert run.process.returncode == 1
    assert run.process.stdout == "(5,) ()\n"
    assert run.codes_by_row() == {("SL001", 3), ("SL002", 4), ("SL004", 5)}
    transpose = run.at("SL002", 4)
    assert "(5,)" in transpose["message"] and "`v.reshape(1, 5)`" in transpose["message"]
    assert transpose["fix"]["edits"][0]["content"] == "v.reshape(1, 5)"
    product = run.at("SL004", 5)
    assert "(5, 5)" in product["message"] and "`v.reshape(5, 1)`" in product["message"]
    assert "`np.linspace(0, 1, 5).reshape(5, 1)`" in run.at("SL001", 3)["message"]


BROADCAST_ERROR = """\
import numpy as np


def forward(W, X, b):
    return W @ X + b


W = np.ones((3, 4))
X = np.ones((4, 8))
b = np.zeros(3)
print("start")
Z = forward(W, X, b)
print("unreachable")
"""


def test_a_run_ending_in_a_broadcast_error(tmp_path) -> None:
    write(tmp_path, "forward.py", BROADCAST_ERROR)
    plain = python(tmp_path, "forward.py")
    run = run_json(tmp_path, "forward.py")
    assert run.process.returncode == plain.returncode == 1
    assert run.process.stdout == plain.stdout == "start\n"
    # The traceback as Python shows it, then the explanation.
    assert run.process.stderr.startswith(plain.stderr)
    explanation = run.process.stderr[len(plain.stderr):]
    assert "forward.py:5:12: SL005" in explanation
    assert "`W @ X` is (3, 8): `W` (3, 4) @ `X` (4, 8)" in explanation
    assert "`b` is (3,), made at forward.py:10: `b = np.zeros(3)`" in explanation
    error = run.at("SL005", 5)
    assert "(3, 8)" in error["message"] and "(3,)" in error["message"] and "`b.reshape(3, 1)`" in error["message"]
    assert run.codes_by_row() == {("SL005", 5), ("SL001", 10)}


def test_a_broadcast_error_in_text_shows_the_operands_under_the_finding(tmp_path) -> None:
    write(tmp_path, "forward.py", BROADCAST_ERROR)
    run = shapelint_run(tmp_path, "forward.py")
    assert run.returncode == 1
    traceback_end = run.stderr.index("ValueError: operands could not be broadcast together")
    report = run.stderr[traceback_end:]
    assert "forward.py:5:12: SL005 `W @ X + b` cannot broadcast (3, 8) and (3,)" in report
    assert "= note: `W @ X` is (3, 8): `W` (3, 4) @ `X` (4, 8)" in report
    assert "Found 2 problems" in report


def test_a_misaligned_reduction_that_raises_is_one_sl005_with_the_keepdims_fix(tmp_path) -> None:
    write(tmp_path, "rows.py", """\
        import numpy as np
        A = np.ones((3, 4))
        P = A / A.sum(axis=1)
    """)
    run = run_json(tmp_path, "rows.py")
    assert run.process.returncode == 1
    assert "ValueError: operands could not be broadcast together with shapes (3,4) (3,)" in run.process.stderr
    found = run.at("SL005", 3)
    assert "cannot broadcast (3, 4) and (3,)" in found["message"] and "`A.sum(axis=1, keepdims=True)`" in found["message"]
    assert ("SL007", 3) not in run.codes_by_row()


def test_reshape_and_matmul_errors_are_findings_at_the_failing_row(tmp_path) -> None:
    write(tmp_path, "reshape.py", """\
        import numpy as np
        x = np.arange(12).reshape(3, 4)
        y = x.reshape(5, -1)
    """)
    write(tmp_path, "matmul.py", """\
        import numpy as np
        W = np.ones((4, 3))
        X = np.ones((4, 10))
        Z = W @ X
    """)
    reshape = run_json(tmp_path, "reshape.py")
    assert reshape.process.returncode == 1
    assert "cannot reshape array of size 12 into shape (5,newaxis)" in reshape.at("SL008", 3)["message"]
    assert "(3, 4)" in reshape.at("SL008", 3)["message"]
    write(tmp_path, "index.py", """\
        import numpy as np
        v = np.linspace(0, 1, 4)
        first = v[0, 0]
    """)
    index = run_json(tmp_path, "index.py")
    assert index.process.returncode == 1
    assert "too many indices" in index.at("SL009", 3)["message"] and "(4,)" in index.at("SL009", 3)["message"]
    matmul = run_json(tmp_path, "matmul.py")
    assert matmul.process.returncode == 1
    message = matmul.at("SL006", 4)["message"]
    assert "(4, 3) by (4, 10)" in message and "`W.T @ X`" in message


def test_findings_are_reported_once_per_span_however_often_it_runs(tmp_path) -> None:
    write(tmp_path, "loop.py", """\
        import numpy as np
        for n in range(2, 40):
            v = np.ones(n)
            t = v.T
    """)
    run = run_json(tmp_path, "loop.py")
    assert sorted(run.codes_by_row()) == [("SL001", 3), ("SL002", 4)]
    assert len(run.findings) == 2
    assert "(2,)" in run.at("SL001", 3)["message"]


def test_json_output_on_stderr_is_the_contracts_array(tmp_path) -> None:
    write(tmp_path, "t.py", RANK_ONE_TRANSPOSE)
    run = shapelint_run(tmp_path, "--format", "json", "t.py")
    findings = json.loads(run.stderr)
    assert {f["code"] for f in findings} == {"SL001", "SL002", "SL004"}
    assert all(f["source"] == "runtime" and f["cell"] is None for f in findings)
    assert set(findings[0]) == {"code", "name", "severity", "message", "filename", "cell", "location", "end_location",
                                "noqa_row", "source", "url", "fix", "notes"}


def test_an_attribute_origin_is_reported_at_runtime_as_statically(tmp_path) -> None:
    write(tmp_path, "layer.py", """\
        import numpy as np


        class Layer:
            def __init__(self):
                self.b = np.zeros(4)
                self.W = np.ones((4, 3))

            def forward(self, X):
                return self.W @ X + self.b


        Layer().forward(np.ones((3, 4)))
    """)
    run = run_json(tmp_path, "layer.py")
    assert run.codes_by_row() == {("SL001", 6), ("SL003", 10)}
    origin = run.at("SL001", 6)
    assert origin["message"].startswith("`self.b` is a rank-1 array of shape (4,): `self.W @ X + self.b` at line 10")
    assert "`self.b.reshape(4, 1)`" in origin["message"]
