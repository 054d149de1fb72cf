"""`shapelint run` behaves as `python` does: argv, paths, streams, exit status, threads, processes, imports."""

from __future__ import annotations

import json
import signal
import sys

import pytest

from ._helpers import python, run_json, write
from ._helpers import shapelint_run as _shapelint_run


def shapelint_run(folder, *args: str, stdin: str | None = None):
    """`shapelint run --rank-1 all`: these tests are about the process, and a lone `np.zeros(3)` is their finding."""
    return _shapelint_run(folder, "--rank-1", "all", *args, stdin=stdin)

RANK1 = "import numpy as np\nv = np.zeros(3)\n"


def test_argv_name_path_and_file_are_pythons(tmp_path) -> None:
    write(tmp_path, "sub/show.py", """\
        import os, sys
        print(__name__, sys.argv, os.path.basename(__file__), os.path.isabs(__file__))
        print(sys.path[0] == os.path.dirname(os.path.realpath(__file__)), __spec__, __package__)
    """)
    plain = python(tmp_path, "sub/show.py", "a", "--flag", "-h")
    checked = shapelint_run(tmp_path, "sub/show.py", "a", "--flag", "-h")
    assert checked.stdout == plain.stdout
    assert "__main__ ['sub/show.py', 'a', '--flag', '-h'] show.py True" in checked.stdout
    assert checked.returncode == plain.returncode == 0


@pytest.mark.parametrize(("code", "status"), [("sys.exit(0)", 1), ("sys.exit(3)", 3), ("sys.exit('bye')", 1)])
def test_exit_status(tmp_path, code: str, status: int) -> None:
    write(tmp_path, "exits.py", f"import sys\nimport numpy as np\nv = np.zeros(3)\nw = v.T\n{code}\n")
    plain = python(tmp_path, "exits.py")
    checked = shapelint_run(tmp_path, "exits.py")
    # The program's own non-zero status wins; otherwise 1 for the SL001/SL002 findings.
    assert checked.returncode == status
    assert checked.stderr.startswith(plain.stderr)
    assert "SL001" in checked.stderr


def test_a_clean_run_exits_zero(tmp_path) -> None:
    write(tmp_path, "clean.py", "import numpy as np\nv = np.zeros((3, 1))\nprint(v.T.shape)\n")
    checked = shapelint_run(tmp_path, "clean.py")
    assert (checked.returncode, checked.stdout) == (0, "(1, 3)\n")
    assert "All checks passed!" in checked.stderr


def test_an_uncaught_exception_is_pythons_traceback_and_exit_1(tmp_path) -> None:
    write(tmp_path, "boom.py", """\
        import numpy as np
        v = np.zeros(3)

        def fail(values):
            return {"a": 1}[values.sum() + 1]

        fail(v)
    """)
    plain = python(tmp_path, "boom.py")
    checked = shapelint_run(tmp_path, "boom.py")
    assert checked.returncode == plain.returncode == 1
    assert checked.stderr.startswith(plain.stderr)
    assert "boom.py:2:5: SL001" in checked.stderr


def test_a_syntax_error_is_reported_as_python_reports_it(tmp_path) -> None:
    write(tmp_path, "broken.py", "x = (\n")
    plain = python(tmp_path, "broken.py")
    checked = shapelint_run(tmp_path, "broken.py")
    assert checked.returncode == plain.returncode == 1
    assert checked.stderr == plain.stderr


def test_a_missing_script_exits_2(tmp_path) -> None:
    checked = shapelint_run(tmp_path, "missing.py")
    assert checked.returncode == 2 == python(tmp_path, "missing.py").returncode
    assert "can't open file" in checked.stderr


def test_stdin_stdout_and_stderr_pass_through(tmp_path) -> None:
    write(tmp_path, "echo.py", """\
        import sys
        import numpy as np
        data = sys.stdin.read()
        sys.stdout.write(data.upper())
        sys.stderr.write("to stderr\\n")
        v = np.array([len(data)])
    """)
    checked = shapelint_run(tmp_path, "echo.py", stdin="some input\nlines\n")
    assert checked.stdout == "SOME INPUT\nLINES\n"
    assert checked.stderr.startswith("to stderr\n")
    assert "SL001" in checked.stderr


def test_keyboard_interrupt_ends_the_process_as_python_does(tmp_path) -> None:
    write(tmp_path, "interrupted.py", "import numpy as np\nv = np.zeros(3)\nraise KeyboardInterrupt\n")
    plain = python(tmp_path, "interrupted.py")
    checked = shapelint_run(tmp_path, "interrupted.py")
    expected = -signal.SIGINT if sys.platform != "win32" else plain.returncode
    assert checked.returncode == plain.returncode == expected
    assert checked.stderr.startswith(plain.stderr)
    assert "SL001" in checked.stderr


def test_threads_run_to_the_end_and_are_checked(tmp_path) -> None:
    write(tmp_path, "threads.py", """\
        import threading
        import time
        import numpy as np

        def work(n):
            time.sleep(0.05 * n)
            v = np.ones(n + 2)
            print("thread", n, v.T.shape, flush=True)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        print("main done", flush=True)
    """)
    plain = python(tmp_path, "threads.py")
    checked = shapelint_run(tmp_path, "threads.py")
    assert sorted(checked.stdout.splitlines()) == sorted(plain.stdout.splitlines())
    assert "thread 2 (4,)" in checked.stdout
    assert "threads.py:7:9: SL001" in checked.stderr and "threads.py:8:24: SL002" in checked.stderr


def test_an_exception_in_a_thread_is_printed_as_python_prints_it(tmp_path) -> None:
    write(tmp_path, "thread_error.py", """\
        import threading
        import numpy as np

        def work():
            np.ones((2, 3)) + np.ones(2)

        t = threading.Thread(target=work, name="worker")
        t.start()
        t.join()
    """)
    plain = python(tmp_path, "thread_error.py")
    checked = shapelint_run(tmp_path, "thread_error.py")
    assert checked.stderr.startswith(plain.stderr)
    assert checked.returncode == plain.returncode == 0


def test_multiprocessing_pools_and_spawned_processes_work(tmp_path) -> None:
    write(tmp_path, "pool.py", """\
        import multiprocessing as mp
        import numpy as np

        def total(n):
            return float(np.ones((n, 1)).sum())

        if __name__ == "__main__":
            with mp.Pool(2) as pool:
                print(pool.map(total, [1, 2, 3]))
            process = mp.get_context("spawn").Process(target=total, args=(3,))
            process.start()
            process.join()
            print("spawned", process.exitcode)
            v = np.zeros(4)
    """)
    plain = python(tmp_path, "pool.py")
    checked = shapelint_run(tmp_path, "pool.py")
    assert checked.stdout == plain.stdout == "[1.0, 2.0, 3.0]\nspawned 0\n"
    assert checked.returncode == 1
    assert checked.stderr.count("SL001") == 1


def test_a_forked_child_does_not_report(tmp_path) -> None:
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("no fork")
    write(tmp_path, "forks.py", """\
        import os
        import numpy as np
        v = np.zeros(3)
        pid = os.fork()
        if pid == 0:
            print("child", flush=True)
        else:
            os.waitpid(pid, 0)
            print("parent", flush=True)
    """)
    checked = shapelint_run(tmp_path, "forks.py")
    assert sorted(checked.stdout.split()) == ["child", "parent"]
    assert checked.stderr.count("SL001 ") == 1


def test_run_a_module_with_dash_m(tmp_path) -> None:
    write(tmp_path, "pkg/__init__.py", "")
    write(tmp_path, "pkg/__main__.py", """\
        import sys
        from . import util
        print(__name__, __package__, sys.argv[1:])
        util.column()
    """)
    write(tmp_path, "pkg/util.py", "import numpy as np\n\ndef column():\n    a = np.arange(5)\n    return a.T\n")
    plain = python(tmp_path, "-m", "pkg", "x", "--y")
    checked = shapelint_run(tmp_path, "-m", "pkg", "x", "--y")
    assert checked.stdout == plain.stdout == "__main__ pkg ['x', '--y']\n"
    assert checked.returncode == 1
    assert "pkg/util.py:4:9: SL001" in checked.stderr and "pkg/util.py:5:12: SL002" in checked.stderr
    missing = shapelint_run(tmp_path, "-m", "no_such_module")
    assert missing.returncode == 1 and "No module named no_such_module" in missing.stderr


def test_a_module_imported_from_the_scripts_folder_is_instrumented(tmp_path) -> None:
    write(tmp_path, "helpers.py", "import numpy as np\n\ndef normalize(X):\n    return X / X.sum(axis=1)\n")
    write(tmp_path, "lib/other.py", "import numpy as np\n\ndef make():\n    return np.ones(2).T\n")
    write(tmp_path, "main.py", """\
        import sys
        import numpy as np
        from helpers import normalize
        sys.path.append("lib")
        import other
        P = normalize(np.ones((3, 3)))
        other.make()
    """)
    run = run_json(tmp_path, "main.py")
    assert {(f["filename"], f["code"], f["location"]["row"]) for f in run.findings} == {
        ("helpers.py", "SL007", 4),
        ("lib/other.py", "SL002", 4),
    }
    excluded = run_json(tmp_path, "--exclude", "helpers,lib/", "main.py")
    assert excluded.findings == []


def test_an_error_in_an_imported_module_has_pythons_traceback(tmp_path) -> None:
    write(tmp_path, "sibling.py", "import numpy as np\nx = np.ones(3) + np.ones(2)\n")
    write(tmp_path, "imports.py", "import sibling\n")
    plain = python(tmp_path, "imports.py")
    checked = shapelint_run(tmp_path, "imports.py")
    assert checked.returncode == plain.returncode == 1
    assert checked.stderr.startswith(plain.stderr)
    assert "sibling.py:2:5: SL005" in checked.stderr


def test_a_shape_error_no_rule_has_a_code_for_is_still_explained(tmp_path) -> None:
    write(tmp_path, "stack.py", "import numpy as np\na = np.ones((2, 3))\nb = np.ones((2, 4))\nc = np.concatenate([a, b])\n")
    checked = shapelint_run(tmp_path, "stack.py")
    assert checked.returncode == 1
    assert "stack.py:4:5: `np.concatenate([a, b])` raised ValueError with arrays of shapes [(2, 3), (2, 4)]" in checked.stderr


def test_include_instruments_a_module_outside_the_folder(tmp_path) -> None:
    write(tmp_path, "outside/far.py", "import numpy as np\n\ndef make():\n    v = np.zeros(3)\n    return v.T\n")
    write(tmp_path, "app/main.py", "import sys\nsys.path.insert(0, '../outside')\nimport far\nfar.make()\n")
    app = tmp_path / "app"
    assert run_json(app, "main.py").findings == []
    included = run_json(app, "--include", "far", "main.py")
    assert [(f["code"], f["location"]["row"]) for f in included.findings] == [("SL001", 4), ("SL002", 5)]
    assert included.findings[0]["filename"].endswith("far.py")


def test_noqa_select_and_ignore(tmp_path) -> None:
    write(tmp_path, "quiet.py", """\
        import numpy as np
        a = np.zeros(3)  # noqa: SL001
        b = np.zeros(3)  # noqa
        c = np.zeros(3)  # noqa: SL003
        d = c.T
    """)
    run = run_json(tmp_path, "quiet.py")
    assert run.codes_by_row() == {("SL001", 4), ("SL002", 5)}
    selected = run_json(tmp_path, "--select", "SL00", "--ignore", "SL001", "quiet.py")
    assert selected.codes_by_row() == {("SL002", 5)}
    bad = shapelint_run(tmp_path, "--select", "XX1", "quiet.py")
    assert bad.returncode == 2 and "unknown rule code" in bad.stderr


def test_the_configuration_is_read_as_check_reads_it(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nignore = ["SL002"]\n')
    write(tmp_path, "configured.py", RANK1 + "w = v.T\n")
    assert run_json(tmp_path, "configured.py").codes_by_row() == {("SL001", 2)}


def test_output_file_is_written_even_when_the_script_fails(tmp_path) -> None:
    write(tmp_path, "fails.py", RANK1 + "w = v + np.ones((2, 2))\n")
    output = tmp_path / "out.txt"
    checked = shapelint_run(tmp_path, "--output", str(output), "fails.py")
    assert checked.returncode == 1
    text = output.read_text()
    assert "fails.py:3:5: SL005" in text and "fails.py:2:5: SL001" in text
    # The findings are in the file; stderr has the traceback and the explanation of the error.
    assert "ValueError" in checked.stderr and "SL005" in checked.stderr and "SL001" not in checked.stderr


def test_warnings_and_logging_see_the_users_lines(tmp_path) -> None:
    write(tmp_path, "warns.py", """\
        import logging
        import numpy as np
        logging.basicConfig(format="%(filename)s:%(lineno)d %(funcName)s %(message)s")
        log = logging.getLogger("x")

        def compute():
            log.log(logging.WARNING, "computing")
            return np.log(np.zeros(2))

        compute()
        np.log(np.zeros(3))
        print(np.ones(2) / 0)
    """)
    plain = python(tmp_path, "warns.py")
    checked = shapelint_run(tmp_path, "warns.py")
    assert checked.stdout == plain.stdout
    assert checked.stderr.startswith(plain.stderr)
    assert "warns.py:7 compute computing" in plain.stderr


def test_compare_reports_confirmed_findings_and_shapes(tmp_path) -> None:
    write(tmp_path, "both.py", """\
        import numpy as np
        a = np.random.rand(5)
        b = a.T
        col = np.random.rand(5, 1)
        if col.sum() > 100:
            never = a + col
        data = np.loadtxt("data.txt")
    """)
    (tmp_path / "data.txt").write_text("1 2 3\n")
    checked = shapelint_run(tmp_path, "--compare", "--format", "json", "--output", "f.json", "both.py")
    report = json.loads(checked.stderr)
    statuses = {(s["code"], s["location"]["row"]): s["status"] for s in report["static_findings"]}
    assert statuses == {("SL001", 2): "confirmed", ("SL002", 3): "confirmed", ("SL003", 6): "not reached"}
    assert [(f["code"], f["location"]["row"]) for f in report["runtime_only"]] == [("SL001", 7)]
    assert report["shapes"]["disagreements"] == [] and report["shapes"]["compared"] >= 3
    text = shapelint_run(tmp_path, "--compare", "--output", "f.txt", "both.py")
    assert "both.py:3:5: SL002 confirmed" in text.stderr and "0 disagreements" in text.stderr


def test_check_never_runs_the_script(tmp_path) -> None:
    from click.testing import CliRunner

    from shapelint.cli import main

    write(tmp_path, "side_effect.py", "open('ran.txt', 'w').write('ran')\nimport numpy as np\nv = np.zeros(3)\n")
    checked = CliRunner().invoke(main, ["check", "--no-cache", "--rank-1", "all", str(tmp_path / "side_effect.py")])
    assert checked.exit_code == 1 and "SL001" in checked.output
    assert not (tmp_path / "ran.txt").exists() and not (tmp_path.parent / "ran.txt").exists()
    ran = shapelint_run(tmp_path, "side_effect.py")
    assert ran.returncode == 1 and (tmp_path / "ran.txt").read_text() == "ran"
