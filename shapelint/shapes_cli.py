"""`shapelint shapes`: print the inferred shape of every assignment."""

from __future__ import annotations

import json
import sys

import click

from .discovery import DiscoveryError, iter_files
from .notebook import SUFFIX as NOTEBOOK_SUFFIX
from .notebook import infer_notebook_shapes
from .shapes import ShapeRow, format_rows, infer_shapes
from .sourcefile import SourceError
from .sourcefile import read_source, read_stream


def shapes_for_path(path: str, text: str) -> list[ShapeRow]:
    """Rows for one file's text; notebooks go through the notebook reader."""
    if path.endswith(NOTEBOOK_SUFFIX):
        return infer_notebook_shapes(text, path)
    return infer_shapes(text, path)



@click.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--stdin-filename", metavar="NAME", help="The name of the source read from stdin (`-`).")
def shapes(paths: tuple[str, ...], format_: str, stdin_filename: str | None) -> None:
    """Print the shape shapelint infers for every assignment.

    PATHS are files or folders (default `.`); `-` reads the source from stdin.
    Exits 0 whatever it infers.
    """
    rows_by_file: list[tuple[str, list[ShapeRow]]] = []
    failed = False
    for arg in paths or (".",):
        if arg == "-":
            name = stdin_filename or "-"
            try:
                text = read_stream(sys.stdin, name).text
                rows_by_file.append((name, shapes_for_path(name, text)))
            except SourceError as exc:
                click.echo(f"{name}: error: {exc}", err=True)
            continue
        try:
            files = list(iter_files(arg))
        except DiscoveryError as exc:
            click.echo(f"shapelint: error: {exc}", err=True)
            failed = True
            continue
        for path, display in files:
            try:
                text = read_source(path, display).text
                rows_by_file.append((display, shapes_for_path(display, text)))
            except (SourceError, OSError) as exc:
                click.echo(f"{display}: error: {exc}", err=True)
    if format_ == "json":
        click.echo(json.dumps([row.to_json() for _, rows in rows_by_file for row in rows], indent=2))
    else:
        click.echo("\n".join(format_rows(name, rows) for name, rows in rows_by_file), nl=False)
    sys.exit(2 if failed else 0)
