"""A pytest plugin: run a project's own test suite under the runtime checker.

    pytest -p shapelint.pytest_plugin --shapelint

(or just `pytest --shapelint` where shapelint is installed: the plugin is
registered under the `pytest11` entry point). Without `--shapelint` the
plugin only adds its options: it imports nothing heavy and changes nothing.

With it, the project's modules below the rootdir (not the test files, which
pytest's assertion rewriting owns, and not installed packages) are
instrumented as they are imported, so the shapes come from the tests' real
data. A test that fails with a numpy shape error becomes a finding at the
failing span. The findings are printed in a section of the terminal
summary (or written to `--shapelint-output`); they do not change pytest's
exit status.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

_STATE_KEY = "_shapelint_runtime"


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("shapelint", "shapelint runtime shape checks")
    group.addoption("--shapelint", action="store_true", default=False,
                    help="Instrument the project's modules and report numpy shape bugs the tests run into.")
    group.addoption("--shapelint-include", action="append", default=[], metavar="MODULE|PATH",
                    help="Also instrument these modules or files (repeatable).")
    group.addoption("--shapelint-exclude", action="append", default=[], metavar="MODULE|PATH",
                    help="Do not instrument these modules or files (repeatable).")
    group.addoption("--shapelint-format", choices=("text", "json"), default="text",
                    help="Format of the findings (default: text).")
    group.addoption("--shapelint-output", default=None, metavar="FILE",
                    help="Write the findings to FILE instead of the terminal summary.")


class _Session:
    """The recorder and import hook of one pytest run."""

    def __init__(self, config: Any, option: Any) -> None:
        from .runtime.importer import InstrumentingFinder, Policy, install
        from .runtime.recorder import Recorder

        self.config = config
        self.option = option
        self.recorder = Recorder()
        self.failed: list[int] = []
        test_files = list(config.getini("python_files") or ()) + ["conftest.py"]
        excludes = [p for value in option.shapelint_exclude for p in value.split(",") if p]
        includes = [p for value in option.shapelint_include for p in value.split(",") if p]
        policy = Policy(config.rootpath, tuple(includes), tuple(excludes + test_files))
        self.finder = InstrumentingFinder(policy, self.recorder)
        install(self.finder)

    def record_error(self, exc: BaseException) -> None:
        from .runtime.explain import locate

        located = locate(exc, self.recorder)
        if located is not None and self.recorder.record_failure(located.gid, located.operands, exc) is not None:
            self.failed.append(located.gid)

    def report(self) -> tuple[str, int]:
        from .output import OutputContext, emit
        from .runtime.report import collect
        from .runtime.runner import RunResult

        outcome = collect(RunResult(self.recorder), failed=self.failed)
        stream = io.StringIO()
        emit(outcome.findings, self.option.shapelint_format, stream, context=OutputContext(sources=outcome.sources))
        return stream.getvalue(), len(outcome.findings)

    def stop(self) -> None:
        from .runtime.importer import uninstall

        uninstall(self.finder)


def _start(config: Any, option: Any) -> None:
    if getattr(option, "shapelint", False) and not hasattr(config, _STATE_KEY):
        setattr(config, _STATE_KEY, _Session(config, option))


def _session(config: Any) -> _Session | None:
    return getattr(config, _STATE_KEY, None)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: Any, parser: Any, args: Any) -> None:
    # Before the conftests: the modules they import are instrumented too.
    _start(early_config, early_config.known_args_namespace)


def pytest_configure(config: Any) -> None:
    _start(config, config.option)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    outcome = yield
    session = _session(item.config)
    if session is not None and call.excinfo is not None:
        try:
            session.record_error(call.excinfo.value)
        except Exception:  # the checker must never break the test run
            pass
    return outcome


def pytest_terminal_summary(terminalreporter: Any, exitstatus: Any, config: Any) -> None:
    session = _session(config)
    if session is None:
        return
    text, count = session.report()
    output = session.option.shapelint_output
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
        terminalreporter.write_line(f"shapelint: {count} runtime finding{'s' if count != 1 else ''} written to {output}")
        return
    terminalreporter.section("shapelint runtime findings")
    for line in text.rstrip("\n").splitlines():
        terminalreporter.write_line(line)


def pytest_unconfigure(config: Any) -> None:
    session = _session(config)
    if session is not None:
        session.stop()
