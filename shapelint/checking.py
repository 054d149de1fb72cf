"""The `check` pipeline as a Python API: discover, read, lint, filter, fix, report.

    result = check_paths(["src"], CheckOptions(select=("SL00",), fix=True))
    result.findings, result.messages, result.exit_code()

Per file (in worker processes with `jobs` > 1): read the source
(`sourcefile`), lint it (`api.lint_source`, or `CheckOptions.linter`), keep
the findings of the enabled codes (`selection`, per-file-ignores) that no
`# noqa` suppresses (`noqa`), fix (`fixing`) and write back or diff. Results
come back in the order of the files; findings within a file by position.

How a file is linted, suppressed, fixed, diffed and shown depends on its
kind (`SourceKind`, chosen by the name's suffix): `.py` files as above,
`.ipynb` notebooks cell by cell (`notebook.NotebookSource`). Reading,
selection, the cache and writing back are the same for every kind. A `.py`
file that cannot reach numpy (`prefilter`) is only parsed by Python for
SL000 (`PythonSyntaxOnly`): the analyzer, and libcst, are imported only
when a file needs them.

Nothing here prints. A problem with the whole run (a missing PATH, a bad
configuration, an unknown code) raises `CheckError`; a problem with one file
(unreadable, binary, an exception inside the analyzer) becomes a message of
the result and the other files are still checked. Exit codes, as ruff's:
0 no finding, 1 findings (with `--diff`: a diff), 2 any error.
Set SHAPELINT_TRACEBACK=1 to append the traceback to an internal error.
"""

from __future__ import annotations

import gc
import math
import os
import signal
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Mapping, Protocol, Sequence, TextIO

from . import prefilter
from .cache import FOLDER as CACHE_FOLDER
from .cache import Cache
from .config import Config, ConfigError, ConfigResolver
from .discovery import DiscoveryError, iter_files
from .errors import InternalError
from .findings import Finding, syntax_error
from .fixing import FixOutcome, fix_until_stable, unified_diff
from .noqa import without_suppressed
from .output import HOW_TO_REPORT
from .prefilter import needs_analysis, syntax_findings
from .selection import Selection, parse_codes
from .sourcefile import SourceError, SourceFile, Undecodable, read_source, read_stream, write_source

Linter = Callable[[str, str], list[Finding]]


class CheckError(Exception):
    """A problem with the whole run (bad usage or configuration): exit code 2, nothing checked."""


class SourceKind(Protocol):
    """How one kind of file is linted, fixed and shown; `source_kind` picks it by the file's name."""

    def dependencies(self, text: str) -> tuple[str, ...]:
        """The texts besides the file's own that its findings depend on (part of the cache key)."""

    def lint(self, text: str, filename: str) -> list[Finding]:
        """Every finding, before selection and `# noqa`."""

    def suppress(self, findings: list[Finding], text: str) -> list[Finding]:
        """The findings that no `# noqa` suppresses."""

    def fix(
        self,
        text: str,
        findings: list[Finding],
        lint: Callable[[str], list[Finding]],
        *,
        unsafe: bool,
        judge: Callable[[str], list[Finding]] | None = None,
    ) -> FixOutcome:
        """Apply the fixes until none is left (`fixing.fix_until_stable`; `judge` as there)."""

    def diff(self, before: str, after: str, filename: str) -> str:
        """The change as a unified diff."""

    def shown(self, text: str) -> str | Mapping[int | None, str]:
        """What the findings' positions refer to: the text, or a notebook's cell sources by cell number."""


class PythonSource:
    """The `SourceKind` of `.py` files (and of anything not known to be another kind)."""

    def __init__(self, linter: Linter | None = None, rank1: str = "hazards", path: Path | None = None) -> None:
        self.linter = linter
        self.rank1 = rank1
        self.path = path

    def dependencies(self, text: str) -> tuple[str, ...]:
        # The project's modules it imports, directly or through others (the default linter reads them).
        if self.linter is not None or self.path is None:
            return ()
        from .engine.imports import project_dependencies

        return tuple(f"{path}\0{module}" for path, module in project_dependencies(self.path, text))

    def lint(self, text: str, filename: str) -> list[Finding]:
        from . import api

        # Looked up at call time, so the engine (or a test's fake) plugged into api is the one called.
        if self.linter is not None:
            return self.linter(text, filename)
        return api.lint_source(text, filename, rank1=self.rank1)

    def suppress(self, findings: list[Finding], text: str) -> list[Finding]:
        return without_suppressed(findings, text)

    def fix(
        self,
        text: str,
        findings: list[Finding],
        lint: Callable[[str], list[Finding]],
        *,
        unsafe: bool,
        judge: Callable[[str], list[Finding]] | None = None,
    ) -> FixOutcome:
        return fix_until_stable(text, findings, lint, unsafe=unsafe, judge=judge)

    def diff(self, before: str, after: str, filename: str) -> str:
        return unified_diff(before, after, filename)

    def shown(self, text: str) -> str:
        return text


class PythonSyntaxOnly(PythonSource):
    """The `SourceKind` of a `.py` file that cannot reach numpy: Python's parser gives its SL000, if any."""

    def dependencies(self, text: str) -> tuple[str, ...]:
        # Only the file's own text: which neighbours let it skip analysis is in its kind, part of the cache key.
        return ()

    def lint(self, text: str, filename: str) -> list[Finding]:
        return syntax_findings(text, filename)


def default_jobs() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class CheckOptions:
    """The options of `shapelint check`; `select`/`ignore` are raw strings as given (`"SL001,SL00"`).

    `linter(text, filename)` replaces `api.lint_source` for `.py` files (for
    tests and embedding; notebooks always go through `notebook`); with `jobs`
    > 1 it must be picklable (a module-level function). `prefilter=False`
    analyzes every file, also those that cannot reach numpy.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    config: str | os.PathLike[str] | None = None
    cache: bool = True
    jobs: int | None = None
    stdin_filename: str | None = None
    linter: Linter | None = None
    prefilter: bool = True
    # SL001's mode ("hazards" or "all"); None: the configuration's, else "hazards".
    rank1: str | None = None


@dataclass
class FileReport:
    """What checking one file gave: findings left, fixes made, and any message for stderr."""

    filename: str
    findings: list[Finding] = field(default_factory=list)
    # What the findings' positions refer to (SourceKind.shown); kept only where there are findings.
    text: str | Mapping[int | None, str] | None = None
    fixed: int = 0
    diff: str = ""
    # For stdin with --fix: the (fixed) source to print.
    output: bytes | None = None
    error: str | None = None
    warning: str | None = None
    # A problem with the cache (shown once per run, whatever the number of files it touched).
    cache_warning: str | None = None


@dataclass
class CheckResult:
    reports: list[FileReport]
    # Problems not tied to one checked file (a folder that cannot be listed).
    errors: list[str] = field(default_factory=list)
    diff_mode: bool = False

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.reports for f in report.findings]

    @property
    def fixed(self) -> int:
        return sum(report.fixed for report in self.reports)

    @property
    def diff(self) -> str:
        return "".join(report.diff for report in self.reports)

    @property
    def sources(self) -> dict[str, str | Mapping[int | None, str]]:
        """filename -> its text, or for a notebook its cell sources by cell (`OutputContext.sources`)."""
        return {r.filename: r.text for r in self.reports if r.text is not None}

    @property
    def messages(self) -> list[str]:
        """Every line for stderr: errors and warnings, in file order."""
        lines = list(self.errors)
        for report in self.reports:
            lines += [m for m in (report.error, report.warning) if m]
        cache_warnings = [r.cache_warning for r in self.reports if r.cache_warning]
        return lines + cache_warnings[:1]

    @property
    def error_count(self) -> int:
        """PATHs and files that could not be (fully) checked."""
        return len(self.errors) + sum(1 for report in self.reports if report.error)

    def exit_code(self, *, exit_zero: bool = False) -> int:
        if self.errors or any(report.error for report in self.reports):
            return 2
        if exit_zero:
            return 0
        if self.diff_mode:
            return 1 if self.diff else 0
        return 1 if self.findings else 0


@dataclass(frozen=True)
class _Job:
    """One file to check, with everything a worker process needs (picklable)."""

    filename: str
    path: Path | None
    codes: frozenset[str]
    source: SourceFile | None = None
    # Set when the source (stdin) could not be read before the job was made.
    read_error: str | None = None
    fix: bool = False
    diff: bool = False
    unsafe: bool = False
    cache: Path | None = None
    linter: Linter | None = None
    prefilter: bool = True
    rank1: str = "hazards"


def internal_error(filename: str, exc: BaseException, *, partial: bool = False) -> str:
    kept = "; the findings shown for it are those found before the error" if partial else ""
    message = (
        f"shapelint: internal error while checking {filename}: {type(exc).__name__}: {exc}{kept} "
        f"(this is {HOW_TO_REPORT})"
    )
    if os.environ.get("SHAPELINT_TRACEBACK"):
        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return message


def _position_order(finding: Finding) -> tuple:
    return (finding.cell or 0, finding.start, finding.end, finding.code)


def source_kind(job: _Job, text: str) -> SourceKind:
    """The kind of the job's file, by the suffix of its name (for stdin, of `--stdin-filename`)."""
    # Helper modules are looked up beside the file (for stdin, beside the name it is given).
    folder = job.path.parent if job.path is not None else Path(job.filename).parent
    if os.path.splitext(job.filename)[1] == ".ipynb":
        from .notebook import NotebookSource

        return NotebookSource(folder, job.rank1)
    if job.prefilter and job.linter is None and not needs_analysis(text, folder):
        return PythonSyntaxOnly()
    return PythonSource(job.linter, job.rank1, job.path if job.path is not None else Path(job.filename))


def _lint(
    job: _Job, kind: SourceKind, text: str, report: FileReport | None = None, raw: dict[str, list[Finding]] | None = None
) -> list[Finding]:
    """The findings of `text` that the selection and `# noqa` leave, from the cache where possible.

    With `--fix` the cache is written but never read: edits are always computed afresh.
    A problem with the cache goes to `report.cache_warning`; `raw`, if given, keeps every text's
    findings before selection and noqa (what `--fix` judges its fixes by).
    """
    cache = Cache(job.cache) if job.cache is not None else None
    if cache is not None:
        linter_name = "" if job.linter is None else f"{job.linter.__module__}.{job.linter.__qualname__}"
        kind_name = type(kind).__name__
        key = Cache.key(
            text, job.filename, ",".join(sorted(job.codes)), linter_name, kind_name, job.rank1, *kind.dependencies(text)
        )
        hit = None if job.fix else cache.get(key, text, job.filename)
        if report is not None and cache.warning and not report.cache_warning:
            report.cache_warning = cache.warning
        if hit is not None:
            return hit
    try:
        if raw is not None and text in raw:
            found, failure = raw[text], None
        else:
            with time_budget():
                found, failure = kind.lint(text, job.filename), None
            if raw is not None:
                raw[text] = found
    except InternalError as exc:
        found, failure = exc.findings, exc
    kept = [f if f.filename == job.filename else f.with_filename(job.filename) for f in found if f.code in job.codes]
    kept = sorted(kind.suppress(kept, text), key=_position_order)
    if failure is not None:  # the findings kept, but not cached
        raise InternalError(failure.error, kept) from failure.error
    if cache is not None:
        cache.put(key, text, kept)
        if report is not None and cache.warning and not report.cache_warning:
            report.cache_warning = cache.warning
    return kept


class OverBudget(BaseException):
    """A file took longer than its time budget (a BaseException: the engine's `except Exception` must not eat it)."""


def _budget_seconds() -> float:
    try:
        seconds = float(os.environ.get("SHAPELINT_FILE_TIMEOUT", DEFAULT_FILE_TIMEOUT))
    except ValueError:
        return DEFAULT_FILE_TIMEOUT
    if math.isnan(seconds):
        return DEFAULT_FILE_TIMEOUT
    # A year or more (or infinity) is no limit: the timer cannot hold it.
    return 0.0 if seconds >= 365 * 24 * 3600 else seconds


# Seconds one file's analysis may take (SHAPELINT_FILE_TIMEOUT overrides; 0 means no limit).
# Real modules take well under 10 s; more means a pathological input, not a slow machine.
DEFAULT_FILE_TIMEOUT = 120.0


@contextmanager
def time_budget() -> Iterator[None]:
    """Raise OverBudget in the block after SHAPELINT_FILE_TIMEOUT seconds (main thread on Unix; elsewhere no limit)."""
    seconds = _budget_seconds()
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget(f"took more than {seconds:g} s to analyze: not checked (SHAPELINT_FILE_TIMEOUT sets the limit)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_file(job: _Job) -> FileReport:
    """Check one file; never raises (an analyzer exception becomes the report's error)."""
    report = FileReport(job.filename)
    try:
        if job.read_error is not None:
            raise SourceError(job.read_error)
        source = job.source or read_source(job.path, job.filename)  # type: ignore[arg-type]
    except Undecodable as exc:
        # Python refuses the file as it does a syntax error: so is it reported (there is no text to show).
        report.findings = [syntax_error(job.filename, exc.row, exc.column, exc.message)]
        return report
    except SourceError as exc:
        report.error = f"{job.filename}: error: {exc}"
        return report
    text, findings = source.text, []
    kind = source_kind(job, text)
    try:
        raw: dict[str, list[Finding]] = {}
        findings = _lint(job, kind, text, report, raw)
        if job.fix:

            def judge(t: str) -> list[Finding]:
                if t not in raw:
                    _lint(job, kind, t, raw=raw)
                return raw[t]

            outcome = kind.fix(text, findings, lambda t: _lint(job, kind, t, raw=raw), unsafe=job.unsafe, judge=judge)
            if outcome.reverted:
                report.warning = (
                    f"shapelint: warning: {job.filename}: {outcome.reverted} (this is {HOW_TO_REPORT})"
                )
            if outcome.text != text and job.diff:
                report.diff = kind.diff(text, outcome.text, job.filename)
                report.fixed = outcome.fixed
            elif outcome.text != text:
                if job.path is not None:
                    write_source(source, outcome.text)
                text, findings, report.fixed = outcome.text, outcome.findings, outcome.fixed
            if job.path is None and not job.diff:
                report.output = source.encode(text)
    except (SourceError, OverBudget) as exc:
        # The analyzer refused the file for a reason the user can act on, or writing the fix
        # failed (the file is unchanged): a per-file error, not an internal one.
        report.error = f"{job.filename}: error: {exc}"
    except InternalError as exc:
        # Nothing is written: the fix (if any) stopped at the failure.
        error = exc.error
        report = FileReport(job.filename, exc.findings, error=internal_error(job.filename, error, partial=True))
        report.text = kind.shown(text) if exc.findings else None
        return report
    except Exception as exc:
        return FileReport(job.filename, error=internal_error(job.filename, exc))
    report.findings = findings
    report.text = kind.shown(text) if findings else None
    return report


# A run whose files hold fewer bytes than this is checked in this process: starting workers (each
# importing libcst and the engine, about 0.3 s) costs more than the analysis of a few files saves.
# Larger runs go to worker processes even with `--jobs 1`, so that a crash in libcst's native
# parser (none is known once the guard has run) ends one file's check, not the run.
SMALL_RUN_BYTES = 200_000


def _size(job: _Job) -> int:
    if job.source is not None:
        return len(job.source.text)
    try:
        return job.path.stat().st_size if job.path is not None else 0
    except OSError:
        return 0


def _fewer_collections() -> None:
    # The analyzed modules a run keeps (the project's imports) make every full
    # garbage collection long; syntax trees are acyclic, so collecting less
    # often costs little memory (scikit-learn: a third less CPU time).
    gc.set_threshold(50_000, 20, 100)


def _run(jobs: list[_Job], workers: int) -> list[FileReport]:
    sizes = [_size(job) for job in jobs]
    if sum(sizes) < SMALL_RUN_BYTES:
        thresholds = gc.get_threshold()
        _fewer_collections()
        try:
            return [check_file(job) for job in jobs]
        finally:
            gc.set_threshold(*thresholds)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    reports: list[FileReport | None] = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), initializer=_fewer_collections) as pool:
        # Largest first, so that no worker is left with a big file at the end; reported in file order.
        order = sorted(range(len(jobs)), key=lambda i: -sizes[i])
        futures = {i: pool.submit(check_file, jobs[i]) for i in order}
        for i, future in futures.items():
            try:
                reports[i] = future.result()
            except BrokenProcessPool:  # a worker died: every unfinished job fails with it
                reports[i] = _check_alone(jobs[i])
            except Exception as exc:  # the job did not pickle
                reports[i] = FileReport(jobs[i].filename, error=internal_error(jobs[i].filename, exc))
    done = [report for report in reports if report is not None]
    assert len(done) == len(jobs)
    return done


def _check_alone(job: _Job) -> FileReport:
    """Check `job` in a process of its own, so a file that kills its process takes no other file with it."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(check_file, job).result()
    except BrokenProcessPool:
        crash = RuntimeError("the process checking it crashed")
        return FileReport(job.filename, error=internal_error(job.filename, crash))
    except Exception as exc:
        return FileReport(job.filename, error=internal_error(job.filename, exc))


def _cli_codes(values: tuple[str, ...] | None, option: str) -> tuple[str, ...] | None:
    if values is None:
        return None
    try:
        return parse_codes(values, where=option)
    except ValueError as exc:
        raise CheckError(str(exc)) from None


class _Planner:
    """Turns the PATHs into jobs: one configuration per PATH, one selection per configuration."""

    def __init__(self, options: CheckOptions, stdin: BinaryIO | TextIO | None) -> None:
        self.options = options
        self.stdin = stdin
        self.select = _cli_codes(options.select, "--select")
        self.ignore = _cli_codes(options.ignore, "--ignore") or ()
        self.resolver = ConfigResolver(options.config)
        self.selections: dict[Path | None, Selection] = {}
        self.errors: list[str] = []
        self.jobs: list[_Job] = []
        self.seen: set[str] = set()
        self.cache = Path.cwd() / CACHE_FOLDER if options.cache else None

    def _job(self, filename: str, path: Path | None, config: Config, where: Path, **extra: object) -> _Job:
        if config.source not in self.selections:
            self.selections[config.source] = Selection.resolve(
                config_select=config.select, config_ignore=config.ignore, select=self.select, ignore=self.ignore
            )
        options = self.options
        return _Job(
            filename,
            path,
            self.selections[config.source].enabled_codes(config.ignores_for(where)),
            fix=options.fix or options.diff,
            diff=options.diff,
            unsafe=options.unsafe_fixes,
            cache=self.cache,
            linter=options.linter,
            prefilter=options.prefilter,
            rank1=options.rank1 or config.rank1 or "hazards",
            **extra,  # type: ignore[arg-type]
        )

    def add_path(self, arg: str) -> None:
        config = self.resolver.for_path(arg)
        try:
            for path, filename in iter_files(arg, is_excluded=config.is_excluded, on_error=self._folder_error):
                real = os.path.realpath(path)
                if real not in self.seen:  # the same file named twice is checked once
                    self.seen.add(real)
                    self.jobs.append(self._job(filename, path, config, path))
        except DiscoveryError as exc:  # a missing PATH is reported; the others are still checked
            self.errors.append(f"shapelint: error: {exc}")

    def _folder_error(self, name: str, message: str) -> None:
        self.errors.append(f"{name}: error: {message}")

    def add_stdin(self) -> None:
        name = self.options.stdin_filename
        # Config and per-file-ignores follow the name the editor gives the buffer.
        where = Path(name) if name else Path.cwd() / "-"
        config = self.resolver.for_path(where)
        if self.stdin is None:
            raise CheckError("`-` reads the source from stdin, but there is no stdin")
        try:
            source = read_stream(self.stdin, name or "-")
        except SourceError as exc:
            self.jobs.append(self._job(name or "-", None, config, where, read_error=str(exc)))
            return
        self.jobs.append(self._job(name or "-", None, config, where, source=source))


def check_paths(
    paths: Sequence[str],
    options: CheckOptions = CheckOptions(),
    *,
    stdin: BinaryIO | TextIO | None = None,
) -> CheckResult:
    """Check `paths` (files, folders, `-` for `stdin`); no paths means `.`, or stdin with `stdin_filename`."""
    try:
        planner = _Planner(options, stdin)
        for arg in list(paths) or (["-"] if options.stdin_filename else ["."]):
            if arg == "-":
                planner.add_stdin()
            else:
                planner.add_path(arg)
    except (ConfigError, DiscoveryError) as exc:
        raise CheckError(str(exc)) from None
    prefilter.forget()  # the project's files may have changed since the last run in this process
    reports = _run(planner.jobs, options.jobs or default_jobs())
    return CheckResult(reports, planner.errors, diff_mode=options.diff)
