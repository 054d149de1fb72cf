"""Hostile inputs and set-ups: each gets a finding or a clear message, never a traceback, hang or lost byte.

Every command runs in a subprocess (`python -m shapelint`, as a pre-commit
hook would) with a timeout, so a hang fails the test instead of the suite,
and a crash of the process is seen as such.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from shapelint import api, guard
from shapelint.cache import Cache
from shapelint.checking import CheckOptions, check_paths
from shapelint.config import PathPattern
from shapelint.globs import Glob
from shapelint.output import text as text_output

ROOT = Path(__file__).resolve().parents[1]
BUG = "import numpy as np\na = np.zeros(3)\nb = a.T\n"


def shapelint(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120, **kw):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "shapelint", *args], capture_output=True, text=True, cwd=cwd, env=environment,
        timeout=timeout, **kw,
    )


def assert_clean(result: subprocess.CompletedProcess, *codes: int) -> None:
    """Exited with one of `codes` (not a signal), with no traceback."""
    assert result.returncode in codes, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stdout


# --- 1. bounded on every input ------------------------------------------------------------------

NESTINGS = {
    "unary-minus": lambda n: "x = " + "-" * n + "1\n",
    "not": lambda n: "x = " + "not " * n + "1\n",
    "power": lambda n: "x = " + "2**" * n + "1\n",
    "ternary": lambda n: "x = " + "1 if 1 else " * n + "1\n",
    "lambda": lambda n: "x = " + "lambda: " * n + "1\n",
    "transpose-chain": lambda n: "x = a" + ".T" * n + "\n",
    "call-chain": lambda n: "x = a" + ".f()" * n + "\n",
    "subscript-chain": lambda n: "x = a" + "[0]" * n + "\n",
    "plus-terms": lambda n: "x = " + " + ".join(["a"] * n) + "\n",
    "brackets": lambda n: "x = " + "[" * n + "]" * n + "\n",
    "parentheses": lambda n: "x = " + "(" * n + "1" + ")" * n + "\n",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("depth", [5000, 50000])
def test_nesting_python_refuses_is_a_clear_answer_and_other_files_survive(tmp_path, depth, jobs):
    for kind, make in NESTINGS.items():
        (tmp_path / f"deep_{kind}.py").write_text("a = 1\n" + make(depth))
    (tmp_path / "good.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "--quiet", "--jobs", jobs, ".", cwd=tmp_path)
    assert_clean(result, 1, 2)
    assert "good.py:3:5: SL002" in result.stdout
    lines = (result.stdout + result.stderr).splitlines()
    for kind in NESTINGS:
        answer = [line for line in lines if line.startswith(f"deep_{kind}.py")]
        assert len(answer) == 1 and ("SL000" in answer[0] or "too deeply nested" in answer[0]), (kind, answer)
    assert "internal error" not in result.stderr


def test_nesting_python_accepts_is_analyzed_or_refused_clearly(tmp_path):
    for kind, make in NESTINGS.items():
        source = make(180 if kind in ("brackets", "parentheses") else 300)
        findings = api.lint_source("import numpy as np\na = np.zeros(3)\n" + source, f"{kind}.py")
        assert "SL000" not in [f.code for f in findings]
        if kind in ("call-chain", "subscript-chain"):
            # Chains to the left: shapelint takes as many as Python's own compiler does.
            guard.check(make(1400))
            with pytest.raises(guard.Refused, match="Python cannot compile it either"):
                guard.check(make(5000))
        elif kind not in ("brackets", "parentheses", "plus-terms", "transpose-chain"):
            # Up to the bound Python's parser would accept, shapelint's own bound answers first.
            with pytest.raises(guard.Refused, match="too deeply nested to analyze: more than 1000"):
                guard.check(make(1200))


@pytest.mark.parametrize("command", [["shapes"], ["check", "--fix", "--unsafe-fixes"], ["run"]])
def test_deep_nesting_in_every_command(tmp_path, command):
    (tmp_path / "deep.py").write_text("x = " + "-" * 20000 + "1\n")
    result = shapelint(*command, "deep.py", cwd=tmp_path)
    assert_clean(result, 0, 1, 2)
    if command == ["run"]:  # as python itself reports it
        python = subprocess.run([sys.executable, "deep.py"], capture_output=True, text=True, cwd=tmp_path)
        assert result.stderr.strip().splitlines()[-1] == python.stderr.strip().splitlines()[-1]
    else:
        assert "too deeply nested" in result.stderr or "SL000" in result.stdout
    assert (tmp_path / "deep.py").read_text() == "x = " + "-" * 20000 + "1\n"


def test_shapes_of_500_deep_expressions(tmp_path):
    (tmp_path / "d.py").write_text(
        "import numpy as np\na = np.zeros(3)\nx = " + "-" * 500 + "a\ny = a" + ".T" * 500 + "\nz = " + "(" * 150 + "a" + ")" * 150 + "\n"
    )
    result = shapelint("shapes", "--format", "json", "d.py", cwd=tmp_path)
    assert_clean(result, 0)
    assert [row["shape"] for row in json.loads(result.stdout)] == [[3], [3], [3], [3]]


@pytest.mark.parametrize(
    "name, make",
    [
        ("loops", lambda: "".join(f"{' ' * i}for i{i} in range(2):\n" for i in range(18)) + " " * 18 + "s = s + A\n"),
        ("literal", lambda: "x = np.array([" + ", ".join(map(str, range(20_000))) + "])\ny = x.T\n"),
        ("methods", lambda: "y = A" + ".copy()" * 900 + "\n"),
        ("plus", lambda: "y = " + " + ".join(["A"] * 1500) + "\n"),
    ],
)
def test_large_programs_finish(tmp_path, name, make):
    # Not a timing test: the timeout only turns a hang (or exponential work) into a failure.
    (tmp_path / f"{name}.py").write_text("import numpy as np\nA = np.zeros((3, 4))\ns = 0\n" + make())
    result = shapelint("check", "--no-cache", "--quiet", f"{name}.py", cwd=tmp_path, timeout=240)
    assert_clean(result, 0, 1)


def test_a_file_over_the_node_budget_is_refused_clearly(tmp_path, monkeypatch):
    # The real budget (a million nodes) takes a gigabyte to reach: the same path, a smaller budget.
    monkeypatch.setattr(guard, "MAX_NODES", 5000)
    # It names numpy, so it is analyzed, not only compiled.
    (tmp_path / "huge.py").write_text("import numpy as np\nx = [" + ", ".join(["1"] * 6000) + "]\n")
    (tmp_path / "good.py").write_text(BUG)
    monkeypatch.chdir(tmp_path)
    result = check_paths(["huge.py", "good.py"], CheckOptions(cache=False, jobs=1))
    assert result.messages == ["huge.py: error: too large to analyze: more than 5,000 syntax nodes"]
    assert [f.code for f in result.findings] == ["SL001", "SL002"]


def test_text_output_splits_each_file_once(monkeypatch):
    source = "x = 1\n" * 2000
    findings = [api.Finding("SL001", "rank-1-array", "warning", "m", "f.py", api.Position(r, 1), api.Position(r, 2), r)
                for r in range(1, 2001)]
    calls = []
    real_split = text_output.re.split
    monkeypatch.setattr(text_output.re, "split", lambda *a, **k: calls.append(1) or real_split(*a, **k))
    text_output._lines.cache_clear()
    stream = __import__("io").StringIO()
    text_output.emit(findings, stream, __import__("shapelint.output", fromlist=["OutputContext"]).OutputContext(sources={"f.py": source}))
    assert len(calls) == 1
    assert stream.getvalue().count("f.py:") == 2000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos")
def test_fifo_and_devices_are_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "good.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "--quiet", "pipe.py", "/dev/zero", "good.py", cwd=tmp_path, timeout=60)
    assert_clean(result, 2)
    assert "pipe.py: error: a fifo, not a regular file" in result.stderr
    assert "/dev/zero: error: a character device, not a regular file" in result.stderr
    assert "good.py:3:5: SL002" in result.stdout
    # A walked folder skips the fifo (it is not a file) rather than waiting on it.
    result = shapelint("check", "--no-cache", "--quiet", ".", cwd=tmp_path, timeout=60)
    assert_clean(result, 1)


def test_a_crashing_worker_takes_no_other_file_with_it(tmp_path, monkeypatch):
    from shapelint import checking

    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(BUG)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(checking, "SMALL_RUN_BYTES", 0)  # workers even for three small files
    result = check_paths(["a.py", "b.py", "c.py"], CheckOptions(cache=False, jobs=2, linter=_crash_on_b))
    errors = {r.filename: r.error for r in result.reports}
    assert "the process checking it crashed" in (errors["b.py"] or "")
    assert errors["a.py"] is None and errors["c.py"] is None
    assert {r.filename for r in result.reports if r.findings} == {"a.py", "c.py"}


def test_a_crashing_file_does_not_end_a_serial_run(tmp_path, monkeypatch):
    """`--jobs 1` too: past a small run, files are checked in a worker, and a crash costs one file."""
    from shapelint import checking

    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(BUG)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(checking, "SMALL_RUN_BYTES", 0)
    result = check_paths(["a.py", "b.py", "c.py"], CheckOptions(cache=False, jobs=1, linter=_crash_on_b))
    errors = {r.filename: r.error for r in result.reports}
    assert "the process checking it crashed" in (errors["b.py"] or "")
    assert {r.filename for r in result.reports if r.findings} == {"a.py", "c.py"}


def _crash_on_b(text: str, filename: str):
    if filename == "b.py":
        os._exit(139)  # as a native crash would: no exception, the process is gone
    return api.lint_source(text, filename)


def test_time_budget_is_a_clear_message(tmp_path):
    (tmp_path / "slow.py").write_text("x = 1\n")
    (tmp_path / "good.py").write_text(BUG)
    env = {"SHAPELINT_FILE_TIMEOUT": "0.5", "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    (tmp_path / "slowlint.py").write_text(
        "import time\nfrom shapelint import api\n"
        "def lint(text, filename):\n    if filename == 'slow.py':\n        time.sleep(30)\n    return api.lint_source(text, filename)\n"
    )
    code = (
        "import sys; sys.path.insert(0, '.'); import slowlint\n"
        "from shapelint.checking import check_paths, CheckOptions\n"
        "r = check_paths(['slow.py', 'good.py'], CheckOptions(cache=False, jobs=1, linter=slowlint.lint))\n"
        "print(r.messages); print([f.code for f in r.findings])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, **env}, timeout=25)
    assert "slow.py: error: took more than 0.5 s to analyze" in result.stdout, result.stderr
    assert "['SL001', 'SL002']" in result.stdout


# --- 2 is tests/test_fuzz.py --------------------------------------------------------------------

# --- 3. nothing lost, nothing trusted -----------------------------------------------------------


def _fix(tmp_path: Path, *names: str):
    return shapelint("check", "--no-cache", "--fix", "--unsafe-fixes", "--quiet", *names, cwd=tmp_path)


def test_fix_keeps_mode_owner_and_hard_links(tmp_path):
    path = tmp_path / "a.py"
    path.write_text(BUG)
    os.chmod(path, 0o640)
    os.link(path, tmp_path / "link.py")
    owner = None
    if os.geteuid() == 0:
        os.chown(path, 1234, 1234)
        owner = (1234, 1234)
    assert_clean(_fix(tmp_path, "a.py"), 0, 1)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert info.st_nlink == 2 and os.path.samefile(path, tmp_path / "link.py")
    assert "np.zeros((3, 1))" in (tmp_path / "link.py").read_text()
    if owner:
        assert (info.st_uid, info.st_gid) == owner


def test_fix_keeps_extended_attributes(tmp_path):
    path = tmp_path / "a.py"
    path.write_text(BUG)
    try:
        os.setxattr(path, "user.shapelint-test", b"kept")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes here")
    assert_clean(_fix(tmp_path, "a.py"), 0, 1)
    assert "np.zeros((3, 1))" in path.read_text()
    assert os.getxattr(path, "user.shapelint-test") == b"kept"


def test_fix_of_a_read_only_file_is_reported_not_replaced(tmp_path):
    path = tmp_path / "a.py"
    path.write_text(BUG)
    os.chmod(path, 0o444)
    result = _fix(tmp_path, "a.py")
    assert_clean(result, 2)
    assert "a.py: error: not fixed: the file is read-only" in result.stderr
    assert path.read_text() == BUG


def test_fix_of_a_long_file_name(tmp_path):
    name = "x" * 240 + ".py"
    (tmp_path / name).write_text(BUG)
    assert_clean(_fix(tmp_path, name), 0, 1)
    assert "np.zeros((3, 1))" in (tmp_path / name).read_text()


def test_an_edit_saved_while_fixing_is_not_lost(tmp_path, monkeypatch):
    path = tmp_path / "a.py"
    path.write_text(BUG)
    saved = BUG + "# the user's edit\n"

    def lint_while_the_user_saves(text: str, filename: str):
        path.write_text(saved)
        return api.lint_source(text, filename)

    monkeypatch.chdir(tmp_path)
    result = check_paths(["a.py"], CheckOptions(cache=False, jobs=1, fix=True, unsafe_fixes=True,
                                                linter=lint_while_the_user_saves))
    assert path.read_text() == saved
    assert "a.py: error: not fixed: the file changed on disk" in result.messages[0]
    assert result.exit_code() == 2


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / ".shapelint_cache").rglob("*.json"))


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda data: [],
        lambda data: {**data, "findings": []} | {"source_sha256": "0" * 64},
        lambda data: {**data, "findings": [{**data["findings"][0], "start": {"row": "x", "column": None}}]},
        lambda data: {**data, "findings": [{**data["findings"][0], "filename": "other.py"}]},
        lambda data: {**data, "version": "0.0.0"},
        lambda data: "not json at all {",
        # Valid entries edited by hand, key and source hash kept: found by their digest.
        lambda data: {**data, "findings": []},
        lambda data: {**data, "findings": [{**data["findings"][0], "code": "SL003"}]},
        lambda data: {**data, "findings": [{**f, "start": {**f["start"], "row": f["start"]["row"] + 1}} for f in data["findings"]]},
        lambda data: {**data, "findings": data["findings"] + [{**data["findings"][0], "message": "INVENTED"}]},
        lambda data: json.dumps(data)[:-1] + ', "findings": []}',  # a key twice, the last one empty
    ],
)
def test_a_corrupt_cache_entry_is_ignored_with_one_warning(tmp_path, corrupt):
    (tmp_path / "a.py").write_text(BUG)
    (tmp_path / "b.py").write_text(BUG)
    assert_clean(shapelint("check", "--quiet", "a.py", "b.py", cwd=tmp_path), 1)
    for entry in _entries(tmp_path):
        data = corrupt(json.loads(entry.read_text()))
        entry.write_text(data if isinstance(data, str) else json.dumps(data))
    result = shapelint("check", "--quiet", "a.py", "b.py", cwd=tmp_path)
    assert_clean(result, 1)
    assert result.stdout.count("SL002") == 2 and "All checks passed" not in result.stdout
    assert result.stderr.count("warning: ignoring the cache entry") == 1, result.stderr


def test_a_fifo_or_unreadable_cache_entry_does_not_hang(tmp_path):
    (tmp_path / "a.py").write_text(BUG)
    assert_clean(shapelint("check", "--quiet", "a.py", cwd=tmp_path), 1)
    (entry,) = _entries(tmp_path)
    entry.unlink()
    os.mkfifo(entry)
    result = shapelint("check", "--quiet", "a.py", cwd=tmp_path, timeout=60)
    assert_clean(result, 1)
    assert "not a regular file" in result.stderr and "SL002" in result.stdout


def test_fix_never_applies_edits_from_the_cache(tmp_path):
    (tmp_path / "a.py").write_text(BUG)
    assert_clean(shapelint("check", "--quiet", "a.py", cwd=tmp_path), 1)
    for entry in _entries(tmp_path):
        data = json.loads(entry.read_text())
        for finding in data["findings"]:
            if finding["fix"]:
                for edit in finding["fix"]["edits"]:
                    edit["content"] = "import os; os.system('echo pwned')"
        entry.write_text(json.dumps(data))
    assert_clean(shapelint("check", "--quiet", "--fix", "--unsafe-fixes", "a.py", cwd=tmp_path), 0, 1)
    assert "pwned" not in (tmp_path / "a.py").read_text()
    assert "np.zeros((3, 1))" in (tmp_path / "a.py").read_text()


def test_two_runs_share_the_cache(tmp_path):
    for i in range(30):
        (tmp_path / f"m{i}.py").write_text(BUG + f"c{i} = a.T\n")
    results: list[subprocess.CompletedProcess] = []
    runs = [threading.Thread(target=lambda: results.append(shapelint("check", "--quiet", ".", cwd=tmp_path)))
            for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    for result in results:
        assert_clean(result, 1)
        assert "warning" not in result.stderr
    assert results[0].stdout == results[1].stdout
    assert results[0].stdout == shapelint("check", "--quiet", ".", cwd=tmp_path).stdout


def test_an_unwritable_cache_is_one_warning(tmp_path):
    (tmp_path / "a.py").write_text(BUG)
    (tmp_path / "b.py").write_text(BUG)
    (tmp_path / ".shapelint_cache").write_text("a file where the folder should be")
    result = shapelint("check", "--quiet", "a.py", "b.py", cwd=tmp_path)
    assert_clean(result, 1)
    assert result.stderr.count("warning: ignoring the cache entry") == 1


# --- 4. only what it was given runs -------------------------------------------------------------


def test_python_m_shapelint_runs_nothing_from_the_linted_folder(tmp_path):
    for module in ("click", "libcst", "numpy"):
        (tmp_path / f"{module}.py").write_text(f"open({str(tmp_path / ('RAN_' + module))!r}, 'w').close()\nraise SystemExit(99)\n")
    (tmp_path / "user.py").write_text(BUG)
    # PYTHONPATH is not set: the folder is first on sys.path only because of `-m`.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for args in (["check", "--no-cache", "."], ["check", "--no-cache", "--jobs", "2", "."], ["shapes", "."],
                 ["rules"], ["--version"]):
        result = subprocess.run([sys.executable, "-m", "shapelint", *args], capture_output=True, text=True,
                                cwd=tmp_path, env=env, timeout=120)
        assert_clean(result, 0, 1)
        assert not list(tmp_path.glob("RAN_*")), args


# --- 5. clear answers ---------------------------------------------------------------------------


def test_unknown_code_lists_the_valid_ones(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    result = shapelint("check", "--ignore", "SL999,XY", "a.py", cwd=tmp_path)
    assert_clean(result, 2)
    assert "SL999" in result.stderr and "SL000, SL001" in result.stderr and "SL010" in result.stderr
    result = shapelint("explain", "SL999", cwd=tmp_path)
    assert_clean(result, 2)
    assert "SL000, SL001" in result.stderr


def test_a_missing_path_does_not_stop_the_others(tmp_path):
    (tmp_path / "good.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "good.py", "missing.py", cwd=tmp_path)
    assert_clean(result, 2)
    assert "missing.py: no such file or folder" in result.stderr
    assert "good.py:3:5: SL002" in result.stdout
    result = shapelint("check", "--no-cache", "missing.py", cwd=tmp_path)
    assert_clean(result, 2)
    assert "All checks passed" not in result.stdout


def test_an_internal_error_keeps_the_other_findings(tmp_path, monkeypatch):
    from shapelint.rules import sl002_rank1_transpose

    def broken(self, analysis):
        raise KeyError("bug")
        yield

    rule = next(r for r in vars(sl002_rank1_transpose).values() if getattr(r, "code", None) == "SL002")
    monkeypatch.setattr(rule, "check", broken)
    (tmp_path / "a.py").write_text("import numpy as np\nA = np.ones((3, 4))\nB = np.ones((3, 4))\nC = A @ B\nv = np.zeros(3)\nw = v.T\n")
    monkeypatch.chdir(tmp_path)
    result = check_paths(["a.py"], CheckOptions(cache=False, jobs=1))
    codes = [f.code for f in result.findings]
    assert "SL006" in codes and "SL002" not in codes
    (message,) = result.messages
    assert message.startswith("shapelint: internal error while checking a.py: KeyError: 'bug'")
    assert "SHAPELINT_TRACEBACK=1" in message and "http" not in message
    assert result.exit_code() == 2
    from shapelint.output.text import summary

    assert summary([], 0, result.error_count) != "All checks passed!"


@pytest.mark.parametrize(
    "expression", ["2.0 @ A", "A @ 2", "A @ A.shape", "A.shape @ A", "A @ None", "np.dot(2, A)", "A.dot(A.shape)"]
)
def test_matmul_with_non_array_operands_is_no_internal_error(expression):
    source = f"import numpy as np\nA = np.zeros((3, 4))\nv = np.zeros(3)\nw = v.T\nx = {expression}\n"
    assert [f.code for f in api.lint_source(source, "m.py")] == ["SL001", "SL002"]


def test_output_to_a_full_disk_is_one_message(tmp_path):
    (tmp_path / "a.py").write_text(BUG)
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "shapelint", "check", "--no-cache", "a.py"], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write the output: No space left on device" in result.stderr


def test_a_closed_pipe_is_quiet(tmp_path):
    for i in range(200):
        (tmp_path / f"m{i}.py").write_text(BUG)
    result = subprocess.run(
        f"{sys.executable} -m shapelint check --no-cache . | head -1", shell=True, capture_output=True, text=True,
        cwd=tmp_path, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}])
def test_ascii_output_is_escaped(tmp_path, env):
    (tmp_path / "é.py").write_text("import numpy as np\n# café\na = np.zeros(3)\nb = a.T  # ü\n", encoding="utf-8")
    result = shapelint("check", "--no-cache", ".", cwd=tmp_path, env=env)
    assert_clean(result, 1)
    assert "SL002" in result.stdout


def test_control_characters_are_escaped(tmp_path):
    name = "evil\x1b[2J.py"
    (tmp_path / name).write_text("import numpy as np\na = np.zeros(3)\nb = a.T  # \x1b]0;title\x07 \u202e\n")
    result = shapelint("check", "--no-cache", ".", cwd=tmp_path)
    assert_clean(result, 1)
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\x07" not in result.stdout
    assert "evil\\x1b[2J.py:3:5: SL002" in result.stdout
    assert "\\u202e" in result.stdout
    (tmp_path / "bad\x1b[31m.py").write_bytes(b"\x00")
    result = shapelint("check", "--no-cache", "bad\x1b[31m.py", cwd=tmp_path)
    assert_clean(result, 2)
    assert "bad\\x1b[31m.py: error: binary file" in result.stderr and "\x1b" not in result.stderr


@pytest.mark.parametrize(
    "source, message",
    [
        ("try:\n    pass\nexcept ValueError, e:\n    pass\n", "multiple exception types must be parenthesized"),
        ('print "x"\n', "Missing parentheses in call to 'print'"),
        ("b = b'caf\u00e9'\n", "bytes can only contain ASCII literal characters"),
        ("exec 'x = 1'\n", "Missing parentheses in call to 'exec'"),
        ("x = 0777\n", "leading zeros in decimal integer literals are not permitted"),
        ("x = `1`\n", "invalid syntax"),
    ],
)
def test_python_2_syntax_is_sl000(source, message):
    (finding,) = api.lint_source(source, "py2.py")
    assert finding.code == "SL000" and finding.message.startswith("SyntaxError: ")
    assert message in finding.message


def test_python_2_syntax_on_the_command_line(tmp_path):
    (tmp_path / "py2.py").write_text("try:\n    pass\nexcept ValueError, e:\n    pass\n")
    result = shapelint("check", "--no-cache", "--quiet", "py2.py", cwd=tmp_path)
    assert_clean(result, 1)
    assert result.stdout.startswith("py2.py:3:8: SL000 SyntaxError: multiple exception types must be parenthesized")


def test_symlink_loops_and_unenterable_folders(tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "loop.py").symlink_to(tmp_path / "loop1")
    (tmp_path / "self").symlink_to(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.py").write_text(BUG)
    os.chmod(tmp_path / "locked", 0)
    (tmp_path / "good.py").write_text(BUG)
    try:
        result = shapelint("check", "--no-cache", "--quiet", ".", cwd=tmp_path, timeout=60)
        assert_clean(result, 1, 2)
        assert "good.py:3:5: SL002" in result.stdout
        assert "loop.py: error: cannot follow the symbolic link" in result.stderr
        result = shapelint("check", "--no-cache", "loop.py", cwd=tmp_path)
        assert_clean(result, 2)
        assert "a symbolic link that loops" in result.stderr
    finally:
        os.chmod(tmp_path / "locked", 0o755)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"[tool.shapelint]\nexclude = [\"caf\xe9\"]\n", "not UTF-8"),
        (("[tool.shapelint]\nx = " + "[" * 50000 + "]" * 50000 + "\n").encode(), "too deeply nested"),
        (b"[tool.shapelint\n", "invalid TOML"),
    ],
)
def test_hostile_pyproject_is_one_line(tmp_path, content, message):
    (tmp_path / "pyproject.toml").write_bytes(content)
    (tmp_path / "a.py").write_text("x = 1\n")
    result = shapelint("check", "--no-cache", "a.py", cwd=tmp_path)
    assert_clean(result, 2)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("pattern", ["[!]", "[z-a]", "**/**/**", "*a" * 40 + "*b"])
def test_hostile_globs(tmp_path, pattern):
    (tmp_path / ("a" * 200)).mkdir()
    (tmp_path / ("a" * 200) / ("a" * 200 + ".py")).write_text(BUG)
    (tmp_path / "pyproject.toml").write_text(f"[tool.shapelint]\nexclude = [{json.dumps(pattern)}]\n")
    result = shapelint("check", "--no-cache", "--quiet", ".", cwd=tmp_path, timeout=60)
    assert_clean(result, 0 if pattern == "**/**/**" else 1)


@pytest.mark.parametrize(
    "pattern, text, matches",
    [
        ("[!]", "[!]", True),
        ("[z-a]", "z", False),
        ("[]]", "]", True),
        ("[!a]", "b", True),
        ("[!a]", "/", False),
        ("*a" * 40 + "*b", "a" * 5000, False),
        ("*a" * 40 + "*b", "a" * 100 + "b", True),
        ("**/x.py", "x.py", True),
        ("**/x.py", "a/b/x.py", True),
        ("a/**", "a/b/c", True),
        ("*.py", "a/b.py", False),
        ("[", "[", True),
        ("]", "]", True),
        ("\\", "\\", True),
    ],
)
def test_glob_semantics(pattern, text, matches):
    assert Glob(pattern).match(text) is matches
    assert PathPattern.compile(pattern).glob.match(text) is matches


def test_notebook_cell_with_a_lone_surrogate(tmp_path):
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["import numpy as np\n", "s = \"\ud800\"\n", "a = np.zeros(3)\n"]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook))
    for command in (["check", "--no-cache"], ["shapes"], ["check", "--no-cache", "--fix"]):
        result = shapelint(*command, "nb.ipynb", cwd=tmp_path)
        assert_clean(result, 0, 1)
    assert "lone surrogate" in shapelint("check", "--no-cache", "nb.ipynb", cwd=tmp_path).stdout


def test_a_noqa_on_a_later_line_does_not_let_a_fix_break_the_program(tmp_path):
    source = "import numpy as np\na = np.zeros(3)\nb = a.T\nc = a @ np.ones(3)  # noqa\nprint(c)\n"
    (tmp_path / "p.py").write_text(source)
    assert_clean(_fix(tmp_path, "p.py"), 0, 1)
    fixed = (tmp_path / "p.py").read_text()
    assert "np.zeros(3)\n" in fixed  # the column fix would make `a @ np.ones(3)` raise
    run = subprocess.run([sys.executable, "p.py"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr


# --- found by a black-box run of hostile inputs the tests had not seen --------------------------

LONG = "x" * 300  # one path component longer than any file system allows


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache", f"{LONG}.py", "good.py"],
        ["check", "--no-cache", "--config", f"{LONG}.toml", "good.py"],
        ["shapes", f"{LONG}.py", "good.py"],
        ["check", "--no-cache", "--stdin-filename", f"{LONG}.py", "-"],
        ["check", "--no-cache", "x/" * 2500 + "a.py", "good.py"],  # thousands of parts, none too long
    ],
    ids=["path", "config", "shapes", "stdin-filename", "deep-path"],
)
def test_a_name_too_long_for_the_system_is_one_message(tmp_path, args):
    (tmp_path / "good.py").write_text(BUG)
    result = shapelint(*args, cwd=tmp_path, input=BUG)
    assert_clean(result, 0, 1, 2)
    if args[0] == "check" and "--config" not in args:
        assert "SL002" in result.stdout  # the other file (or stdin) is still checked
    if "--stdin-filename" not in args:
        assert result.returncode == 2 and "shapelint: error: " in result.stderr


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["shapes"]])
def test_a_closed_stdout_is_quiet_and_keeps_the_exit_code(tmp_path, command):
    (tmp_path / "bad.py").write_text(BUG)
    (tmp_path / "good.py").write_text("x = 1\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, code in (("bad.py", 1 if command[0] == "check" else 0), ("good.py", 0)):
        line = " ".join([sys.executable, "-m", "shapelint", *command, name, ">&-"])  # Python starts with no sys.stdout
        result = subprocess.run(["sh", "-c", line], cwd=tmp_path, env=environment, stderr=subprocess.PIPE, text=True, timeout=60)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr


def test_a_newline_in_a_file_name_stays_on_its_line(tmp_path):
    name = "x\nb\x1b[31m\r.py"
    (tmp_path / name).write_text(BUG)
    result = shapelint("check", "--no-cache", ".", cwd=tmp_path)
    assert_clean(result, 1)
    assert "x\\nb\\x1b[31m\\r.py:3:5: SL002" in result.stdout
    assert not any(line.startswith("b") for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    "data, row, words",
    [
        (b'import numpy as np\nx = "\xff"\n', 2, "can't decode byte 0xff"),
        (b"# -*- coding: klingon -*-\nx = 1\n", 1, "unknown encoding: klingon"),
        (b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n", 1, "encoding problem"),
        (b"x = 1\ny = 2\n# -*- coding: latin-1 -*-\nz = '\xe9'\n", 4, "can't decode byte 0xe9"),
    ],
    ids=["invalid-utf8", "unknown-cookie", "bom-and-cookie", "cookie-too-late"],
)
def test_bytes_python_cannot_decode_are_sl000_as_python_says(tmp_path, data, row, words):
    (tmp_path / "bad.py").write_bytes(data)
    (tmp_path / "good.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "bad.py", "good.py", cwd=tmp_path)
    assert_clean(result, 1)
    line = next(line for line in result.stdout.splitlines() if line.startswith("bad.py:"))
    assert line.startswith(f"bad.py:{row}:") and " SL000 SyntaxError: " in line and words in line
    assert ":-1:" not in line and "good.py:3:5: SL002" in result.stdout
    python = subprocess.run([sys.executable, "bad.py"], capture_output=True, text=True, cwd=tmp_path)
    assert "SyntaxError" in python.stderr  # Python refuses the same file the same way


@pytest.mark.parametrize("value", ["1e309", "nan", "99999999999999999999999999", "inf", "-3"])
def test_any_time_budget_in_the_environment_is_understood(tmp_path, value):
    (tmp_path / "a.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "a.py", cwd=tmp_path, env={"SHAPELINT_FILE_TIMEOUT": value})
    assert_clean(result, 1)
    assert "SL002" in result.stdout and "internal error" not in result.stderr


def test_a_notebook_with_a_number_python_cannot_read_is_one_message(tmp_path):
    (tmp_path / "n.ipynb").write_text('{"cells": [], "metadata": {"n": ' + "9" * 5000 + '}, "nbformat": 4, "nbformat_minor": 5}')
    (tmp_path / "a.py").write_text(BUG)
    result = shapelint("check", "--no-cache", "n.ipynb", "a.py", cwd=tmp_path)
    assert_clean(result, 1, 2)
    assert "n.ipynb:1:1: SL000 the notebook cannot be read: Exceeds the limit" in result.stdout
    assert "internal error" not in result.stderr and "SL002" in result.stdout


def test_a_long_transpose_chain_has_short_messages_and_fixes_of_its_own_length():
    """Each link's message shows the chain's start, and its fix edits the `T` alone (linear, not quadratic)."""
    from shapelint.fixing import apply_fixes

    source = "import numpy as np\na = np.zeros(3)\nb = a" + ".T" * 200 + "\n"
    findings = [f for f in api.lint_source(source, "x.py", verify_fixes=False) if f.code == "SL002"]
    assert len(findings) == 200 and all(f.fix is not None for f in findings)
    assert all(len(f.message) < 120 and f.message.startswith("`a.T") for f in findings)
    assert all(sum(len(e.content) for e in f.fix.edits) < 200 for f in findings)  # type: ignore[union-attr]
    fixed, applied = apply_fixes(source, [findings[-1].fix])
    assert applied == [True] and fixed.endswith(".T" * 199 + ".reshape(1, -1)\n")
    compile(fixed, "x.py", "exec")
