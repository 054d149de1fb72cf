"""`shapelint run`: the click command, a thin layer over runner, report and compare.

It must not import `shapelint.cli` (that module registers this command).
Exit status: the program's own when it exits non-zero; 1 when it raised
or when there are findings; 0 otherwise; 2 for bad usage or a program that
cannot be started (as `python` exits 2 for a missing file). A program
ended by Ctrl-C is ended the same way after the report, as Python does.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TextIO

import click

from ..config import RANK1_MODES, ConfigError, ConfigResolver
from ..output import ISSUES_URL, OutputContext, emit, use_color
from ..output.text import render
from ..selection import Selection, parse_codes
from .compare import compare as compare_run
from .compare import emit as emit_comparison
from .report import Outcome, collect
from .runner import RunError, RunResult, run as run_program

FORMATS = ("text", "json")


def _codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    try:
        return parse_codes(values, where=option)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for value in values for part in value.split(",") if part.strip())


def _write_findings(outcome: Outcome, format_: str, output: str | None, stderr: TextIO) -> None:
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8") as stream:
                emit(outcome.findings, format_, stream, context=OutputContext(sources=outcome.sources))
        except OSError as exc:
            stderr.write(f"shapelint: error: cannot write {output}: {exc.strerror or exc}\n")
        return
    if not outcome.findings and format_ == "text" and (outcome.raised or outcome.status):
        return  # "All checks passed!" would read as if the run had gone well
    if outcome.raised and outcome.findings and format_ == "text":
        stderr.write("\n")  # apart from the traceback
    emit(outcome.findings, format_, stderr, context=OutputContext(sources=outcome.sources, color=use_color(stderr)))


def _explain(outcome: Outcome, format_: str, output: str | None, stderr: TextIO) -> None:
    """After the traceback: the explanation of the error that ended the run, for the person reading stderr.

    Not when the findings follow on stderr: as text they include it, and
    JSON there is for a program to read.
    """
    if output is None and format_ == "json":
        return
    shown = False
    if outcome.failure is not None and output is not None:
        paint = lambda text, **_: text  # noqa: E731
        stderr.write("\n" + render(outcome.failure, outcome.sources.get(outcome.failure.filename), paint))
        shown = True
    if outcome.explanation is not None:
        stderr.write(f"\n{outcome.explanation}\n")
        shown = True
    if shown:
        stderr.write("\n")


def _status(result: RunResult, outcome: Outcome) -> int:
    if result.exception is not None:
        return 1
    if result.status:
        return result.status
    return 1 if outcome.findings else 0


def _interrupt() -> None:
    """End the process by SIGINT, so that its parent sees what it sees of `python` interrupted."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    except (AttributeError, OSError, ValueError):
        pass
    sys.exit(130)


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False, "help_option_names": ["-h", "--help"]}
)
@click.option("-m", "module", metavar="MODULE", help="Run a library module as a script, as `python -m`.")
@click.option("--format", "format_", type=click.Choice(FORMATS), default="text", show_default=True, help="How to print the findings.")
@click.option("--output", metavar="FILE", help="Write the findings to FILE instead of stderr.")
@click.option("--select", multiple=True, metavar="CODES", help="Report only these codes or prefixes (comma separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these codes or prefixes (comma separated).")
@click.option("--include", multiple=True, metavar="MODULE|PATH",
              help="Also instrument these modules (with their submodules) or files; comma separated, repeatable.")
@click.option("--exclude", multiple=True, metavar="MODULE|PATH",
              help="Do not instrument these modules or files, even in the script's folder.")
@click.option("--compare", is_flag=True, help="Also compare the static findings and shapes of the executed files with the run.")
@click.option("--config", "config", metavar="FILE", help="Read the configuration from FILE.")
@click.option("--rank-1", "rank1", type=click.Choice(RANK1_MODES), default=None,
              help="SL001: report rank-1 arrays only where they cause another finding (hazards, the default) or all.")
@click.argument("argv", nargs=-1, type=click.UNPROCESSED, metavar="SCRIPT [ARGS]...")
def run(
    module: str | None,
    format_: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    compare: bool,
    config: str | None,
    rank1: str | None,
    argv: tuple[str, ...],
) -> None:
    """Run SCRIPT with real numpy and report the shape bugs it hits.

    `shapelint run [OPTIONS] SCRIPT [ARGS]...` runs SCRIPT as `python SCRIPT
    ARGS` would; `shapelint run [OPTIONS] -m MODULE [ARGS]...` as `python -m`.
    The script and the modules it imports from its own folder are
    instrumented; the findings go to stderr after it ends (or to --output).
    """
    selected = _codes(select, "--select") if select else None
    ignored = _codes(ignore, "--ignore")
    try:
        resolver = ConfigResolver(config)
    except ConfigError as exc:
        click.echo(f"shapelint: error: {exc}", err=True)
        sys.exit(2)
    if module is None and not argv:
        raise click.UsageError("give the SCRIPT to run, or -m MODULE")
    target, args = (module, list(argv)) if module is not None else (argv[0], list(argv[1:]))
    if output is not None:
        output = os.path.abspath(output)  # the program may change the working directory
    stderr = sys.stderr
    try:
        result = run_program(target, args, as_module=module is not None, include=_split(include), exclude=_split(exclude))
    except RunError as exc:
        stderr.write(f"shapelint run: {exc}\n")
        sys.exit(exc.status)
    if os.getpid() != result.pid:
        sys.exit(result.status)  # a child the program forked: its parent reports
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    try:
        outcome = collect(result, select=selected, ignore=ignored, resolver=resolver, rank1=rank1)
    except ConfigError as exc:
        stderr.write(f"shapelint: error: {exc}\n")
        sys.exit(2)
    _explain(outcome, format_, output, stderr)
    _write_findings(outcome, format_, output, stderr)
    if compare:
        codes = set(Selection.resolve(select=selected, ignore=ignored).enabled_codes())
        emit_comparison(compare_run(result.recorder, outcome.findings, codes, outcome.rank1), format_, stderr)
    for message in result.recorder.internal_errors:
        stderr.write(f"shapelint: internal error in the runtime checker at {message} (please report this at {ISSUES_URL})\n")
    stderr.flush()
    if result.interrupted:
        _interrupt()
    sys.exit(_status(result, outcome))


__all__ = ["run"]
