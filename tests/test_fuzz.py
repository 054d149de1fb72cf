"""Fuzzing: any valid Python, and numpy programs built from the engine's own API table.

Every generated program is checked, shaped and fixed (safe fixes, then
unsafe ones too) with no exception and no internal error; every fix parses,
a second fix changes nothing, and a program that ran still runs after its
safe fixes (an unsafe fix may change what a program does: that is what
makes it unsafe).

The default run is bounded (a few dozen examples per property, about 20 s);
a longer one:

    SHAPELINT_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import ast
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import hypothesmith
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint import api
from shapelint.fixing import fix_until_stable
from shapelint.noqa import without_suppressed
from shapelint.numpy_api import REGISTRY
from shapelint.shapes import infer_shapes

EXAMPLES = int(os.environ.get("SHAPELINT_FUZZ_EXAMPLES", "0"))


def fuzz_settings(default: int):
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


def lint(text: str) -> list[api.Finding]:
    """What `check` reports: every finding that no `# noqa` suppresses."""
    return without_suppressed(api.lint_source(text, "fuzz.py"), text)


def _run_here(text: str) -> bool:
    namespace: dict = {"__name__": "__fuzz__"}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            exec(compile(text, "fuzz.py", "exec"), namespace)  # noqa: S102 - the generated program
        except Exception:
            return False
    return True


_worker: ProcessPoolExecutor | None = None


def runs(text: str) -> bool:
    """Whether `text` runs to the end, in a worker process: a random numpy call may crash its process."""
    global _worker
    if _worker is None:
        _worker = ProcessPoolExecutor(max_workers=1)
    try:
        return _worker.submit(_run_here, text).result(timeout=120)
    except BrokenProcessPool:
        _worker = None
        return False


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def check_shape_fix(text: str, *, run: bool) -> None:
    """The properties every program must have (raises AssertionError with the program on a failure)."""
    try:
        findings = lint(text)
    except api.SourceError:  # a clear refusal (too deep, too large) is an answer, not a crash
        return
    infer_shapes(text, "fuzz.py")
    every = lambda t: api.lint_source(t, "fuzz.py")  # noqa: E731
    for unsafe in (False, True):
        outcome = fix_until_stable(text, findings, lint, unsafe=unsafe, judge=every)
        assert outcome.reverted is None, f"{outcome.reverted}\n--- program:\n{text}"
        if outcome.text == text:
            continue
        assert parses(outcome.text) or not parses(text), f"the fix does not parse:\n{outcome.text}\n--- from:\n{text}"
        again = fix_until_stable(outcome.text, lint(outcome.text), lint, unsafe=unsafe, judge=every)
        assert again.text == outcome.text, f"a second fix changed:\n{outcome.text}\n--- into:\n{again.text}"
        # Unsafe fixes may change what the program does (that is what makes them unsafe); safe ones may not.
        if run and not unsafe and runs(text):
            assert runs(outcome.text), f"the fixed program no longer runs:\n{outcome.text}\n--- from:\n{text}"


# --- any valid Python --------------------------------------------------------------------------


@fuzz_settings(25)
@given(hypothesmith.from_grammar())
def test_any_valid_python(source: str) -> None:
    check_shape_fix(source, run=False)


@fuzz_settings(25)
@given(hypothesmith.from_node())
def test_any_libcst_module(source: str) -> None:
    check_shape_fix(source, run=False)


# --- numpy programs from the API table ----------------------------------------------------------

ARRAYS = ("A", "B", "C", "v", "w", "s")
PRELUDE = (
    "import numpy as np\n"
    "A = np.ones((3, 4))\nB = np.ones((4, 3))\nC = np.ones((3, 3))\nv = np.ones(3)\nw = np.ones(4)\ns = np.float64(2.0)\n"
    "n = 3\n"
)
TOP_LEVEL = sorted(
    name[len("numpy."):] for name in REGISTRY
    if name.count(".") == 1 or name.startswith(("numpy.linalg.", "numpy.random."))
)
METHODS = sorted(name[len("numpy.ndarray."):] for name in REGISTRY if name.startswith("numpy.ndarray."))

names = st.sampled_from(ARRAYS)
small = st.integers(min_value=-2, max_value=4)
shape = st.lists(st.integers(min_value=1, max_value=4), min_size=0, max_size=3).map(
    lambda axes: "(" + "".join(f"{a}, " for a in axes) + ")"
)
atom = st.one_of(
    names,
    small.map(str),
    shape,
    st.sampled_from(["2.0", "None", "A.shape", "v.shape[0]", "n", "True", "[1, 2, 3]", "[[1, 2], [3, 4]]", "(n, 1)"]),
)
keyword = st.one_of(
    st.builds(lambda k: f"axis={k}", st.integers(min_value=-2, max_value=2)),
    st.just("keepdims=True"),
    st.builds(lambda s: f"size={s}", shape),
)


@st.composite
def expressions(draw, depth: int = 0) -> str:
    choice = draw(st.integers(min_value=0, max_value=7 if depth < 2 else 3))
    if choice == 0:
        return draw(names)
    if choice == 1:
        function = draw(st.sampled_from(TOP_LEVEL))
        arguments = draw(st.lists(st.one_of(atom, expressions(depth + 1)), max_size=3))
        keywords = draw(st.lists(keyword, max_size=1))
        return f"np.{function}({', '.join(arguments + keywords)})"
    if choice == 2:
        method = draw(st.sampled_from(METHODS))
        receiver = draw(names)
        if method in ("T", "mT", "shape", "ndim", "size", "real", "imag", "flat"):
            return f"{receiver}.{method}"
        arguments = draw(st.lists(atom, max_size=2)) + draw(st.lists(keyword, max_size=1))
        return f"{receiver}.{method}({', '.join(arguments)})"
    if choice == 3:
        index = draw(st.sampled_from(["0", ":, None", "..., 0", "1:3", "0, 1", ":, 0", "None", "-1", "0, 1, 2", "::2"]))
        return f"{draw(names)}[{index}]"
    operator = draw(st.sampled_from(["+", "-", "*", "/", "@", "**", "=="]))
    left, right = draw(expressions(depth + 1)), draw(st.one_of(expressions(depth + 1), atom))
    if choice == 4:
        return f"({left}) {operator} ({right})"
    if choice == 5:
        return f"{left}.T {operator} {right}"
    if choice == 6:
        return f"({left}).reshape({draw(st.sampled_from(['-1', '-1, 1', '1, -1', '3, 4', '12']))})"
    return f"({left}) / ({left}).sum(axis={draw(st.integers(min_value=0, max_value=1))})"


@st.composite
def statements(draw) -> str:
    target = draw(names)
    value = draw(expressions())
    noqa = draw(st.sampled_from(["", "", "", "  # noqa", "  # noqa: SL002"]))
    form = draw(st.integers(min_value=0, max_value=5))
    if form == 0:
        return f"for i in range(n):\n    {target} = {value}{noqa}\n"
    if form == 1:
        return f"if n > 2:\n    {target} = {value}\nelse:\n    {target} = {draw(names)}\n"
    if form == 2:
        return f"def f(x):\n    return {value.replace(target, 'x')}\n{target} = f({draw(names)}){noqa}\n"
    return f"{target} = {value}{noqa}\n"


numpy_programs = st.lists(statements(), min_size=1, max_size=6).map(lambda body: PRELUDE + "".join(body))


@fuzz_settings(50)
@given(numpy_programs)
def test_numpy_programs(source: str) -> None:
    check_shape_fix(source, run=True)


@pytest.mark.parametrize(
    "source",
    [
        # Found by this fuzzer or by the probe: kept as fixed examples.
        PRELUDE + "x = 2.0 @ A\ny = A @ 2\nz = A @ A.shape\nu = v.T\n",
        PRELUDE + "a = np.zeros(3)\nb = a.T\nc = a @ np.ones(3)  # noqa\n",
        PRELUDE + "".join(f"{' ' * i}for i{i} in range(2):\n" for i in range(18)) + " " * 18 + "A = A + 1\n",
        # A column fix refused before another fix, and fitting after it, is retried (a second fix changed it).
        PRELUDE + "for i in range(n):\n    A = v.T.T + B\n",
    ],
)
def test_known_programs(source: str) -> None:
    check_shape_fix(source, run=True)
