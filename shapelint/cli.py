"""The `shapelint` command line: a thin click layer over `checking` and the rule registry.

Exit codes (as ruff and flake8): 0 no finding, 1 findings, 2 bad usage, a
bad configuration or an internal error. click's own usage errors exit 2.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from . import __version__
from .checking import CheckError, CheckOptions, check_paths
from .config import RANK1_MODES
from .output import FORMATS, OutputContext, emit, use_color
from .rules import BY_CODE, RULES


def _fail(message: str) -> NoReturn:
    click.echo(f"shapelint: error: {message}", err=True)
    sys.exit(2)


@click.group(name="shapelint", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="shapelint", message="%(prog)s %(version)s")
def main() -> None:
    """Find numpy shape bugs before the code runs."""


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "format_", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="How to print the findings.")
@click.option("--select", multiple=True, metavar="CODES", help="Check only these codes or prefixes (comma separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not check these codes or prefixes (comma separated).")
@click.option("--fix", is_flag=True, help="Write the safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config", metavar="FILE", help="Read the configuration from FILE.")
@click.option("--no-cache", is_flag=True, help="Analyze every file, ignoring .shapelint_cache/.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N", help="Check files in N processes.")
@click.option("--quiet", is_flag=True, help="Print only one line per finding.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per code.")
@click.option("--stdin-filename", metavar="NAME", help="The name of the source read from stdin (`-`).")
@click.option("--rank-1", "rank1", type=click.Choice(RANK1_MODES), default=None,
              help="SL001: report rank-1 arrays only where they cause another finding (hazards, the default) or all.")
def check(
    paths: tuple[str, ...],
    format_: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    exit_zero: bool,
    config: str | None,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
    statistics: bool,
    stdin_filename: str | None,
    rank1: str | None,
) -> None:
    """Check files for numpy shape bugs.

    PATHS are files or folders (default `.`); `-` reads the source from stdin.
    """
    options = CheckOptions(
        select=select or None,
        ignore=ignore,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        config=config,
        cache=not no_cache,
        jobs=jobs,
        stdin_filename=stdin_filename,
        rank1=rank1,
    )
    try:
        result = check_paths(paths, options, stdin=sys.stdin)
    except CheckError as exc:
        _fail(str(exc))
    for message in result.messages:
        click.echo(message, err=True)

    stdout = sys.stdout
    if diff:
        stdout.write(result.diff)
        n = result.fixed
        click.echo(f"Would fix {n} problem{'' if n == 1 else 's'}." if n else "No problems would be fixed.", err=True)
    else:
        fixed_stdin = [r.output for r in result.reports if r.output is not None]
        # Editors replace the buffer with stdout: the findings go to stderr then.
        stream = sys.stderr if fixed_stdin else stdout
        context = OutputContext(
            sources=result.sources, color=use_color(stream), quiet=quiet, statistics=statistics, fixed=result.fixed
        )
        emit(result.findings, format_, stream, context=context)
        if fixed_stdin:
            stdout.flush()
            getattr(sys.stdout, "buffer", sys.stdout).write(b"".join(fixed_stdin))
    sys.exit(result.exit_code(exit_zero=exit_zero))


@main.command()
def rules() -> None:
    """List every rule.

    One row per rule: code, name, severity, `[*]` if it offers fixes, summary.
    """
    header = ("code", "name", "severity", "fix", "summary")
    rows = [(r.code, r.name, r.severity, "[*]" if r.fixable() else "", r.summary) for r in RULES]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)] + [row[-1]]
        click.echo("  ".join(cells).rstrip())


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it flags, why, and the fix.

    CODE is a rule code such as SL001 (any case).
    """
    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        _fail(f"unknown rule code {code!r}; `shapelint rules` lists them")
    fix = "Fix is sometimes available." if rule.fixable() else "Fix is not available."
    click.echo(f"# {rule.name} ({rule.code})\n\nSeverity: {rule.severity}. {fix}\n\n{(rule.doc or rule.summary).strip()}")


# --- more subcommands ---------------------------------------------------------------------------
# `shapes` and `run` are click commands defined in their own
# modules and registered here, so that `main` (the console script) always has them:
#
#     from .shapes_cli import shapes
#     from .runtime.cli import run
#     main.add_command(shapes)
#     main.add_command(run)
#
# Those modules must not import this one (it would be a cycle); they define plain @click.command()s.
# ------------------------------------------------------------------------------------------------
from .shapes_cli import shapes  # noqa: E402

main.add_command(shapes)
from .runtime.cli import run  # noqa: E402

main.add_command(run)
