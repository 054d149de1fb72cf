"""The `shapelint` command line: a thin click layer over `checking` and the rule registry.

Exit codes (as ruff and flake8): 0 no finding, 1 findings, 2 bad usage, a
bad configuration or an internal error. click's own usage errors exit 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import BinaryIO, NoReturn, cast

import click

from . import __version__
from .checking import CheckError, CheckOptions, check_paths
from .config import RANK1_MODES
from .output import FORMATS, OutputContext, emit, use_color, writing_safely


def _fail(message: str) -> NoReturn:
    click.echo(f"shapelint: error: {message}", err=True)
    sys.exit(2)


class _Commands(click.Group):
    """A group whose other subcommands are imported only when they run (or help lists them).

    `shapelint check` must not pay for the runtime checker's imports, nor a
    server's: `LAZY` names each such command's module and attribute. A new
    subcommand defined in its own module is registered here, not imported at
    the top (tests/test_startup.py checks what `check` imports).
    """

    LAZY = {"shapes": "shapelint.shapes_cli:shapes", "run": "shapelint.runtime.cli:run"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.LAZY:
            module, attribute = self.LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(name="shapelint", cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="shapelint", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Find numpy shape bugs before the code runs."""
    if ctx.invoked_subcommand != "run":  # a script run keeps Python's own closed streams
        _closed_streams_discard_output()


def _closed_streams_discard_output() -> None:
    # Started with `>&-`, Python has no sys.stdout at all: what would be printed goes nowhere,
    # and the exit code still says what was found.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


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
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Check files in N processes (default: the processors available).")
@click.option("--no-skip", is_flag=True, envvar="SHAPELINT_NO_SKIP",
              help="Analyze every file, also those that cannot reach numpy (otherwise only checked for syntax errors).")
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
    no_skip: bool,
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
        prefilter=not no_skip,
        rank1=rank1,
    )
    with writing_safely():
        _check(paths, options, format_, exit_zero=exit_zero, quiet=quiet, statistics=statistics)


def _check(
    paths: tuple[str, ...], options: CheckOptions, format_: str, *, exit_zero: bool, quiet: bool, statistics: bool
) -> None:
    diff = options.diff
    try:
        result = check_paths(paths, options, stdin=sys.stdin)
    except CheckError as exc:
        _fail(str(exc))
    for message in result.messages:
        from .output.text import visible, visible_name

        # A file name may hold control characters and newlines; a message is one line but for a traceback.
        click.echo((visible if os.environ.get("SHAPELINT_TRACEBACK") else visible_name)(message), err=True)

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
            sources=result.sources, color=use_color(stream), quiet=quiet, statistics=statistics, fixed=result.fixed,
            errors=result.error_count,
        )
        emit(result.findings, format_, stream, context=context)
        if fixed_stdin:
            stdout.flush()
            cast(BinaryIO, getattr(sys.stdout, "buffer", sys.stdout)).write(b"".join(fixed_stdin))
    sys.exit(result.exit_code(exit_zero=exit_zero))


@main.command()
def rules() -> None:
    """List every rule.

    One row per rule: code, name, severity, `[*]` if it offers fixes, summary.
    """
    from .rules import RULES

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
    from .rules import BY_CODE

    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        _fail(f"unknown rule code {code!r}; the codes are {', '.join(BY_CODE)} (`shapelint rules` lists them)")
    from .docs import rule_page

    click.echo(rule_page(rule))


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout: the only way, accepted for clients that pass it.")
def server(stdio: bool) -> None:
    """Run the language server (LSP over stdin and stdout) for editors.

    Needs the optional dependencies: pip install 'shapelint[server]'.
    """
    # Looked up here, so that no other command loads the server or its dependencies.
    import importlib.util

    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        _fail(f"`shapelint server` needs {' and '.join(missing)}, not installed here: pip install 'shapelint[server]'")
    from .server import main as serve

    serve()
