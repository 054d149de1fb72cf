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
selection, the cache and writing back are the same for every kind.

Nothing here prints. A problem with the whole run (a missing PATH, a bad
configuration, an unknown code) raises `CheckError`; a problem with one file
(unreadable, binary, an exception inside the analyzer) becomes a message of
the result and the other files are still checked. Exit codes, as ruff's:
0 no finding, 1 findings (with `--diff`: a diff), 2 any error.
Set SHAPELINT_TRACEBACK=1 to append the traceback to an internal error.
"""

from __future__ import annotations

import gc
import os
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Mapping, Protocol, Sequence

from . import api
from .cache import FOLDER as CACHE_FOLDER
from .cache import Cache
from .config import Config, ConfigError, ConfigResolver
from .engine.imports import project_dependencies
from .discovery import DiscoveryError, iter_files
from .findings import Finding
from .fixing import FixOutcome, fix_until_stable, unified_diff
from .noqa import without_suppressed
from .notebook import SUFFIX as NOTEBOOK_SUFFIX
from .notebook import NotebookSource
from .output import ISSUES_URL
from .selection import Selection, parse_codes
from .sourcefile import SourceError, SourceFile, read_source, read_stream, write_source

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

    def fix(self, text: str, findings: list[Finding], lint: Callable[[str], list[Finding]], *, unsafe: bool) -> FixOutcome:
        """Apply the fixes until none is left (`fixing.fix_until_stable`)."""

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
        return tuple(f"{path}\0{module}" for path, module in project_dependencies(self.path, text))

    def lint(self, text: str, filename: str) -> list[Finding]:
        # Looked up at call time, so the engine (or a test's fake) plugged into api is the one called.
        if self.linter is not None:
            return self.linter(text, filename)
        return api.lint_source(text, filename, rank1=self.rank1)

    def suppress(self, findings: list[Finding], text: str) -> list[Finding]:
        return without_suppressed(findings, text)

    def fix(self, text: str, findings: list[Finding], lint: Callable[[str], list[Finding]], *, unsafe: bool) -> FixOutcome:
        return fix_until_stable(text, findings, lint, unsafe=unsafe)

    def diff(self, before: str, after: str, filename: str) -> str:
        return unified_diff(before, after, filename)

    def shown(self, text: str) -> str:
        return text


def default_jobs() -> int:
    return min(4, os.cpu_count() or 1)


@dataclass(frozen=True)
class CheckOptions:
    """The options of `shapelint check`; `select`/`ignore` are raw strings as given (`"SL001,SL00"`).

    `linter(text, filename)` replaces `api.lint_source` for `.py` files (for
    tests and embedding; notebooks always go through `notebook`); with `jobs`
    > 1 it must be picklable (a module-level function).
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
        return lines

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
    rank1: str = "hazards"


def internal_error(filename: str, exc: BaseException) -> str:
    message = (
        f"shapelint: internal error while checking {filename}: {type(exc).__name__}: {exc} "
        f"(please report this at {ISSUES_URL})"
    )
    if os.environ.get("SHAPELINT_TRACEBACK"):
        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return message


def _position_order(finding: Finding) -> tuple:
    return (finding.cell or 0, finding.start, finding.end, finding.code)


def source_kind(job: _Job) -> SourceKind:
    """The kind of the job's file, by the suffix of its name (for stdin, of `--stdin-filename`)."""
    if os.path.splitext(job.filename)[1] == NOTEBOOK_SUFFIX:
        # Helper modules are looked up beside the notebook (for stdin, beside the name it is given).
        folder = job.path.parent if job.path is not None else Path(job.filename).parent
        return NotebookSource(folder, job.rank1)
    return PythonSource(job.linter, job.rank1, job.path if job.path is not None else Path(job.filename))


def _lint(job: _Job, kind: SourceKind, text: str) -> list[Finding]:
    """The findings of `text` that the selection and `# noqa` leave, from the cache where possible."""
    cache = Cache(job.cache) if job.cache is not None else None
    if cache is not None:
        linter_name = "" if job.linter is None else f"{job.linter.__module__}.{job.linter.__qualname__}"
        key = Cache.key(
            text, job.filename, ",".join(sorted(job.codes)), linter_name, job.rank1, *kind.dependencies(text)
        )
        hit = cache.get(key)
        if hit is not None:
            return hit
    kept = [
        f if f.filename == job.filename else f.with_filename(job.filename)
        for f in kind.lint(text, job.filename)
        if f.code in job.codes
    ]
    kept = sorted(kind.suppress(kept, text), key=_position_order)
    if cache is not None:
        cache.put(key, kept)
    return kept


def check_file(job: _Job) -> FileReport:
    """Check one file; never raises (an analyzer exception becomes the report's error)."""
    report = FileReport(job.filename)
    try:
        if job.read_error is not None:
            raise SourceError(job.read_error)
        source = job.source or read_source(job.path, job.filename)  # type: ignore[arg-type]
    except SourceError as exc:
        report.error = f"{job.filename}: error: {exc}"
        return report
    text, findings = source.text, []
    kind = source_kind(job)
    try:
        findings = _lint(job, kind, text)
        if job.fix:
            outcome = kind.fix(text, findings, lambda t: _lint(job, kind, t), unsafe=job.unsafe)
            if outcome.reverted:
                report.warning = (
                    f"shapelint: warning: {job.filename}: {outcome.reverted} (please report this at {ISSUES_URL})"
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
    except SourceError as exc:
        # The analyzer refused the file for a reason the user can act on, or writing the fix
        # failed (the file is unchanged): a per-file error, not an internal one.
        report.error = f"{job.filename}: error: {exc}"
    except Exception as exc:
        return FileReport(job.filename, error=internal_error(job.filename, exc))
    report.findings = findings
    report.text = kind.shown(text) if findings else None
    return report


def _fewer_collections() -> None:
    # The analyzed modules a run keeps (the project's imports) make every full
    # garbage collection long; syntax trees are acyclic, so collecting less
    # often costs little memory (scikit-learn: a third less CPU time).
    gc.set_threshold(50_000, 20, 100)


def _run(jobs: list[_Job], workers: int) -> list[FileReport]:
    if workers <= 1 or len(jobs) <= 1:
        thresholds = gc.get_threshold()
        _fewer_collections()
        try:
            return [check_file(job) for job in jobs]
        finally:
            gc.set_threshold(*thresholds)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_fewer_collections) as pool:
        futures = [pool.submit(check_file, job) for job in jobs]
        reports = []
        for job, future in zip(jobs, futures):
            try:
                reports.append(future.result())
            except Exception as exc:  # a worker died, or the job did not pickle
                reports.append(FileReport(job.filename, error=internal_error(job.filename, exc)))
        return reports


def _cli_codes(values: tuple[str, ...] | None, option: str) -> tuple[str, ...] | None:
    if values is None:
        return None
    try:
        return parse_codes(values, where=option)
    except ValueError as exc:
        raise CheckError(str(exc)) from None


class _Planner:
    """Turns the PATHs into jobs: one configuration per PATH, one selection per configuration."""

    def __init__(self, options: CheckOptions, stdin: BinaryIO | None) -> None:
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
            rank1=options.rank1 or config.rank1 or "hazards",
            **extra,  # type: ignore[arg-type]
        )

    def add_path(self, arg: str) -> None:
        config = self.resolver.for_path(arg)
        for path, filename in iter_files(arg, is_excluded=config.is_excluded, on_error=self._folder_error):
            real = os.path.realpath(path)
            if real not in self.seen:  # the same file named twice is checked once
                self.seen.add(real)
                self.jobs.append(self._job(filename, path, config, path))

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
    stdin: BinaryIO | None = None,
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
    reports = _run(planner.jobs, options.jobs or default_jobs())
    return CheckResult(reports, planner.errors, diff_mode=options.diff)
