"""The `check` pipeline through click's runner and the Python API, and one real `python -m shapelint`.

The analyzer is replaced by `lint_bugs` (a finding per `BUG`, fixed by `OK`)
so these tests pin the pipeline, not the rules.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from shapelint import __version__, api, checking
from shapelint.checking import CheckOptions, check_paths
from shapelint.cli import main
from shapelint.findings import Edit, Finding, Fix, Position
from shapelint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent


def lint_bugs(text: str, filename: str, **options: object) -> list[Finding]:
    """A safe-fixable SL001 per `BUG`, an unsafe-fixable SL003 per `RISK`, an SL000 for `SYNTAX`."""
    found = []
    for row, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for word, code, applicability in (("BUG", "SL001", "safe"), ("RISK", "SL003", "unsafe")):
            for m in re.finditer(word, line):
                start, end = Position(row, m.start() + 1), Position(row, m.end() + 1)
                found.append(Finding(code, "rank-1-array" if code == "SL001" else "ambiguous-broadcast",
                                     "warning", f"{word} found", filename, start, end, row,
                                     fix=Fix(applicability, "use OK", (Edit("OK", start, end),))))
        if "SYNTAX" in line:
            found.append(Finding("SL000", "syntax-error", "error", "SyntaxError: invalid syntax", filename,
                                 Position(row, 1), Position(row, 1), row))
    return found


def crash_on_boom(text: str, filename: str, **options: object) -> list[Finding]:
    if "BOOM" in text:
        raise ZeroDivisionError("division by zero")
    return lint_bugs(text, filename)


@pytest.fixture(autouse=True)
def project(tmp_path, monkeypatch):
    """A project folder as the current folder, with the fake analyzer plugged into api."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(api, "lint_source", lint_bugs)
    # In-process by default: a test that wants workers says so.
    monkeypatch.setattr(checking, "default_jobs", lambda: 1)
    return tmp_path


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return target


def run(*args: str, input: bytes | str | None = None):
    kwargs = {"mix_stderr": False} if "mix_stderr" in inspect.signature(CliRunner).parameters else {}
    return CliRunner(**kwargs).invoke(main, list(args), input=input, catch_exceptions=False)


# --- check ----------------------------------------------------------------------------------------


def test_clean_project_passes():
    write("clean.py", "x = 1\n")
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_findings_exit_1_and_are_shown():
    write("pkg/a.py", "x = BUG\n")
    write("pkg/b.py", "y = 2\n")
    result = run("check", "pkg", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.startswith("pkg/a.py:1:5: SL001 [*] BUG found\n  |\n1 | x = BUG\n")
    assert result.stdout.endswith("Found 1 problem (1 fixable with `--fix`).\n")


def test_exit_zero():
    write("a.py", "x = BUG\n")
    assert run("check", "--exit-zero").exit_code == 0


def test_select_and_ignore_from_the_command_line_and_the_config():
    write("a.py", "x = BUG + RISK\n")
    codes = lambda *args: [f["code"] for f in json.loads(run("check", "--format", "json", *args).stdout)]
    assert codes() == ["SL001", "SL003"]
    assert codes("--select", "SL003") == ["SL003"]
    assert codes("--ignore", "SL00") == []
    assert codes("--select", "SL001,SL003", "--ignore", "sl003") == ["SL001"]
    write("pyproject.toml", '[tool.shapelint]\nignore = ["SL001"]\n')
    assert codes() == ["SL003"]
    assert codes("--ignore", "SL003") == []


def test_per_file_ignores_and_exclude_from_the_config():
    write("pyproject.toml", '[tool.shapelint]\nexclude = ["generated"]\n[tool.shapelint.per-file-ignores]\n"tests/*" = ["SL001"]\n')
    write("tests/test_a.py", "x = BUG + RISK\n")
    write("generated/g.py", "x = BUG\n")
    findings = json.loads(run("check", "--format", "json").stdout)
    assert [(f["filename"], f["code"]) for f in findings] == [("tests/test_a.py", "SL003")]
    # A file named explicitly is checked even where exclude matches it.
    assert run("check", "generated/g.py").exit_code == 1


def test_noqa_is_honoured_but_not_for_syntax_errors():
    write("a.py", "x = BUG  # noqa: SL001\ny = RISK  # noqa\nz = SYNTAX  # noqa\n")
    findings = json.loads(run("check", "--format", "json").stdout)
    assert [f["code"] for f in findings] == ["SL000"]


def test_unknown_code_is_a_usage_error():
    result = run("check", "--select", "SL999")
    assert result.exit_code == 2
    assert result.stderr == "shapelint: error: unknown rule code or prefix 'SL999' in --select; did you mean SL009?\n"


def test_bad_config_exits_2():
    write("pyproject.toml", "[tool.shapelint]\nfoo = 1\n")
    write("a.py", "x = 1\n")
    result = run("check")
    assert result.exit_code == 2
    assert "unknown key `foo`" in result.stderr and "Traceback" not in result.stderr


def test_explicit_config(project):
    write("conf/shapelint.toml", 'select = ["SL003"]\n')
    write("a.py", "x = BUG + RISK\n")
    assert [f["code"] for f in json.loads(run("check", "--config", "conf/shapelint.toml", "--format", "json").stdout)] == ["SL003"]
    assert run("check", "--config", "nope.toml").exit_code == 2


def test_missing_path_exits_2():
    result = run("check", "nope.py")
    assert result.exit_code == 2
    assert result.stderr == "shapelint: error: nope.py: no such file or folder\n"


def test_bad_option_is_clicks_usage_error():
    assert run("check", "--format", "xml").exit_code == 2
    assert run("check", "--jobs", "0").exit_code == 2
    result = run("check", "--bogus")
    assert result.exit_code == 2 and "Usage: shapelint check" in result.stderr


def test_fix_writes_safe_fixes_and_exits_0_when_nothing_remains():
    path = write("a.py", "x = BUG\n")
    result = run("check", "--fix")
    assert path.read_text() == "x = OK\n"
    assert (result.exit_code, result.stdout) == (0, "Found 1 problem (1 fixed, 0 remaining).\n")


def test_fix_leaves_unsafe_fixes_unless_asked():
    path = write("a.py", "x = BUG + RISK\n")
    result = run("check", "--fix")
    assert path.read_text() == "x = OK + RISK\n"
    assert result.exit_code == 1
    assert result.stdout.endswith("Found 2 problems (1 fixed, 1 remaining).\n")
    assert run("check", "--fix", "--unsafe-fixes").exit_code == 0
    assert path.read_text() == "x = OK + OK\n"


def test_diff_prints_and_writes_nothing():
    path = write("a.py", "x = BUG\n")
    result = run("check", "--diff")
    assert path.read_text() == "x = BUG\n"
    assert result.exit_code == 1
    assert result.stdout == "--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = BUG\n+x = OK\n"
    assert result.stderr == "Would fix 1 problem.\n"
    write("a.py", "x = RISK\n")
    assert run("check", "--diff").exit_code == 0
    assert run("check", "--diff", "--unsafe-fixes").exit_code == 1


def test_stdin():
    result = run("check", "-", "--stdin-filename", "pkg/mod.py", input="x = BUG\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("pkg/mod.py:1:5: SL001")
    assert run("check", "-", input="x = 1\n").exit_code == 0


def test_stdin_filename_alone_reads_stdin_and_gets_per_file_ignores():
    write("pyproject.toml", '[tool.shapelint.per-file-ignores]\n"pkg/*" = ["SL001"]\n')
    assert run("check", "--stdin-filename", "pkg/mod.py", input="x = BUG\n").exit_code == 0
    assert run("check", "--stdin-filename", "other.py", input="x = BUG\n").exit_code == 1


def test_stdin_fix_prints_the_fixed_source_and_the_findings_on_stderr():
    result = run("check", "-", "--fix", input=b"x = BUG + RISK\r\n")
    assert result.stdout_bytes == b"x = OK + RISK\r\n"
    assert "-:1:10: SL003" in result.stderr
    assert result.exit_code == 1


def test_quiet_and_statistics():
    write("a.py", "x = BUG\ny = BUG\n")
    assert run("check", "--quiet").stdout == "a.py:1:5: SL001 BUG found\na.py:2:5: SL001 BUG found\n"
    assert run("check", "--statistics").stdout == "  2  SL001  [*] rank-1-array\n"


def test_every_format_is_wired():
    write("a.py", "x = BUG\n")
    assert json.loads(run("check", "--format", "json").stdout)[0]["location"] == {"row": 1, "column": 5}
    assert json.loads(run("check", "--format", "sarif").stdout)["version"] == "2.1.0"
    assert run("check", "--format", "github").stdout.startswith("::warning file=a.py,line=1,col=5,")


def test_internal_error_is_reported_and_the_other_files_still_run(monkeypatch):
    monkeypatch.setattr(api, "lint_source", crash_on_boom)
    write("a.py", "BOOM\n")
    write("b.py", "x = BUG\n")
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "shapelint: internal error while checking a.py: ZeroDivisionError: division by zero (please report this at https://"
    )
    assert "Traceback" not in result.stderr
    assert "b.py:1:5: SL001" in result.stdout


def test_an_analyzer_refusal_is_a_per_file_error(monkeypatch):
    def refuse(text, filename, **options):
        raise api.SourceError("too deeply nested to parse")

    monkeypatch.setattr(api, "lint_source", refuse)
    write("a.py", "x = 1\n")
    result = run("check")
    assert (result.exit_code, result.stderr) == (2, "a.py: error: too deeply nested to parse\n")


def test_same_file_twice_is_checked_once():
    write("a.py", "x = BUG\n")
    assert len(json.loads(run("check", "a.py", ".", "--format", "json").stdout)) == 1


# --- the Python API: workers, cache ------------------------------------------------------------------


def test_jobs_run_in_worker_processes_with_the_same_result():
    for i in range(6):
        write(f"m{i}.py", "x = BUG\n" * i)
    write("boom.py", "BOOM\n")
    serial = check_paths(["."], CheckOptions(jobs=1, cache=False, linter=crash_on_boom))
    parallel = check_paths(["."], CheckOptions(jobs=2, cache=False, linter=crash_on_boom))
    assert parallel.findings == serial.findings and len(serial.findings) == 15
    assert parallel.messages == serial.messages and len(serial.messages) == 1
    assert parallel.exit_code() == 2


def test_cache_answers_unchanged_files_and_ignores_corrupt_entries(monkeypatch):
    calls = []

    def counting(text, filename, **options):
        calls.append(filename)
        return lint_bugs(text, filename)

    monkeypatch.setattr(api, "lint_source", counting)
    write("a.py", "x = BUG\n")
    first = check_paths(["a.py"])
    assert check_paths(["a.py"]).findings == first.findings and calls == ["a.py"]
    for entry in Path(".shapelint_cache").rglob("*.json"):
        entry.write_text("{not json")
    assert check_paths(["a.py"]).findings == first.findings and calls == ["a.py", "a.py"]
    check_paths(["a.py"], CheckOptions(cache=False))
    assert len(calls) == 3
    # Another selection is another key.
    assert check_paths(["a.py"], CheckOptions(select=("SL003",))).findings == []
    assert len(calls) == 4
    assert (Path(".shapelint_cache") / "CACHEDIR.TAG").exists()


def test_check_result_exit_codes():
    write("a.py", "x = BUG\n")
    result = check_paths(["a.py"])
    assert (result.exit_code(), result.exit_code(exit_zero=True)) == (1, 0)
    assert check_paths(["a.py"], CheckOptions(diff=True)).exit_code() == 1


# --- rules, explain, version ------------------------------------------------------------------------


def test_rules_lists_every_rule():
    lines = run("rules").stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "summary"]
    assert [line.split()[0] for line in lines[1:]] == [rule.code for rule in RULES]
    assert lines[2].split()[:3] == ["SL001", "rank-1-array", "warning"]


def test_explain():
    result = run("explain", "sl001")
    assert result.exit_code == 0
    assert result.stdout.startswith("# rank-1-array (SL001)\n")
    assert RULES[1].doc.strip() in result.stdout


def test_explain_unknown_code():
    result = run("explain", "SL999")
    assert result.exit_code == 2
    assert "unknown rule code 'SL999'" in result.stderr


def test_version_and_help():
    assert run("--version").stdout == f"shapelint {__version__}\n"
    assert "check" in run("-h").stdout
    assert "--stdin-filename" in run("check", "--help").stdout


def test_python_dash_m_shapelint(tmp_path):
    (tmp_path / "clean.py").write_text("x = 1\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    version = subprocess.run([sys.executable, "-m", "shapelint", "--version"], capture_output=True, text=True, env=env)
    assert (version.returncode, version.stdout) == (0, f"shapelint {__version__}\n")
    checked = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "clean.py", "--no-cache"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "All checks passed!\n", "")
