"""A scripted editor session against `shapelint server`: the acceptance checks, with the times measured.

    python benchmarks/editor_session.py [--runs 5]

Drives the server over stdio with pygls's LSP client, as an editor would, on
code of its own (not the tests'): a small training script with a rank-1
bias, and a notebook. It checks, and prints PASS or FAIL for each:

- diagnostics for the buggy file arrive within 2 s of didOpen;
- a note arrives as related information pointing at the origin line;
- the quick fix's edit, applied and sent back, makes the finding go away;
- hover shows the shape of a name, an inlay hint the shape after an assignment;
- a notebook cell gets its diagnostics (from a shape made in another cell);
- shutdown and exit end the server with exit code 0.

And it reports how long each step took; with `--runs N`, the time to first
diagnostics over N fresh servers (median and worst; from didOpen, and from
starting the server, which includes its start-up), and how fast the
message loop answers while a large file is being analyzed (a request the
server rejects at once, sent while the worker is busy): typing must not wait.
Exit code 0 when every check passes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pygls.lsp.client import LanguageClient

TRAIN = textwrap.dedent(
    """\
    import numpy as np

    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 3))
    w = rng.normal(size=3)
    bias = np.zeros(100)
    scores = X @ w
    target = scores.reshape(100, 1)
    error = target - bias
    """
)
CELLS = [
    ("code", "import numpy as np\nweights = np.random.rand(4)\n"),
    ("markdown", "## The projection"),
    ("code", "projection = np.dot(weights, weights.T)\n"),
]
TIMEOUT = 60.0


class Editor:
    """Just enough of an editor: it keeps what the server publishes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.client = LanguageClient("editor-session", "1")
        self.published: dict[str, list[tuple[float, list[types.Diagnostic]]]] = {}
        self.changed = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append((time.perf_counter(), list(params.diagnostics)))
            self.changed.set()

    async def start(self) -> None:
        self.launched = time.perf_counter()
        await self.client.start_io(sys.executable, "-m", "shapelint", "server", cwd=str(self.folder))
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)
            )
        )
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=capabilities,
                root_uri=self.folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(self.folder.as_uri(), "session")],
            )
        )
        self.client.initialized(types.InitializedParams())

    async def diagnostics(self, uri: str, count: int = 0, nonempty: bool = True) -> tuple[float, list[types.Diagnostic]]:
        """The first publish for `uri` after the `count`-th one (non-empty if `nonempty`)."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            for at, diagnostics in self.published.get(uri, [])[count:]:
                if diagnostics or not nonempty:
                    return at, diagnostics
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.0, deadline - time.perf_counter()))

    def open(self, path: Path, text: str) -> str:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), "python", 1, text))
        )
        return path.as_uri()

    async def stop(self) -> int | None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        server = self.client._server
        code = await asyncio.wait_for(server.wait(), TIMEOUT) if server is not None else None
        await self.client.stop()
        return code


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


class Report:
    def __init__(self) -> None:
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        self.failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {what}{f'  ({detail})' if detail else ''}")


async def session(folder: Path, report: Report) -> tuple[float, float]:
    """The seconds from didOpen, and from starting the server, to the first diagnostics."""
    editor = Editor(folder)
    await editor.start()
    opened = time.perf_counter()
    uri = editor.open(folder / "train.py", TRAIN)
    at, diagnostics = await editor.diagnostics(uri)
    first, cold = at - opened, at - editor.launched
    report.check(
        first < 2.0,
        "diagnostics within 2 s of didOpen",
        f"{first:.2f} s, {cold:.2f} s from starting the server: " + ", ".join(str(d.code) for d in diagnostics),
    )

    # A note "`bias` became (100,) at line 6" must point at the line that assigns `bias`.
    notes = [info for d in diagnostics for info in d.related_information or []]
    rows = TRAIN.splitlines()
    report.check(
        bool(notes)
        and all(
            info.location.uri == uri and rows[info.location.range.start.line].startswith(info.message.split("`")[1] + " =")
            for info in notes
        ),
        "a note as related information at the origin line",
        "; ".join(f"{info.message} -> line {info.location.range.start.line + 1}" for info in notes),
    )

    fixable = next((d for d in diagnostics if d.code == "SL001"), diagnostics[0])
    started = time.perf_counter()
    actions = await editor.client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), fixable.range, types.CodeActionContext(diagnostics=[fixable], only=["quickfix"])
        )
    )
    quick = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.edit and a.edit.changes]
    fixed_text = apply(TRAIN, list(quick[0].edit.changes[uri])) if quick else TRAIN  # type: ignore[union-attr, index]
    count = len(editor.published[uri])
    editor.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(2, uri), [types.TextDocumentContentChangeWholeDocument(fixed_text)]
        )
    )
    at, after = await editor.diagnostics(uri, count, nonempty=False)
    gone = not any(d.code == fixable.code and d.range.start.line == fixable.range.start.line for d in after)
    report.check(
        bool(quick) and gone,
        f"the quick fix for {fixable.code} fixes it",
        f"{quick[0].title if quick else 'no quick fix'}; re-published {at - started:.2f} s after the request; left: "
        + (", ".join(str(d.code) for d in after) or "none"),
    )

    hover = await editor.client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(6, 0))
    )
    text = hover.contents.value if hover and isinstance(hover.contents, types.MarkupContent) else ""
    # After the fix `w` is a (3, 1) column, so `scores = X @ w` is (100, 1).
    report.check("scores: (100, 1)" in text, "hover shows the shape", text.splitlines()[1] if text else "no hover")
    hints = await editor.client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(20, 0)))
    )
    shown = {h.position.line: h.label for h in hints or []}
    report.check(shown.get(3) == "(100, 3)", "an inlay hint shows the shape after an assignment", f"line 4: {shown.get(3)}")

    notebook = (folder / "course.ipynb").as_uri()
    cell_uris = [f"{notebook}#cell{i}" for i in range(len(CELLS))]
    opened = time.perf_counter()
    editor.client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            types.NotebookDocument(
                notebook,
                "jupyter-notebook",
                1,
                [
                    types.NotebookCell(types.NotebookCellKind.Code if kind == "code" else types.NotebookCellKind.Markup, cell)
                    for (kind, _), cell in zip(CELLS, cell_uris)
                ],
            ),
            [
                types.TextDocumentItem(cell, "python" if kind == "code" else "markdown", 1, source)
                for (kind, source), cell in zip(CELLS, cell_uris)
            ],
        )
    )
    at, cell_diagnostics = await editor.diagnostics(cell_uris[2])
    report.check(
        any(d.code == "SL004" for d in cell_diagnostics),
        "a notebook cell gets its diagnostics",
        f"{at - opened:.2f} s: cell 3: " + ", ".join(f"{d.code} {d.message.splitlines()[0][:60]}" for d in cell_diagnostics),
    )

    code = await editor.stop()
    report.check(code == 0, "shutdown and exit end the server cleanly", f"exit code {code}")
    return first, cold


def large_module() -> str:
    """A few thousand lines of numpy code, to keep the worker busy."""
    block = textwrap.dedent(
        """\
        def step_{i}(X, w):
            h = np.tanh(X @ w)
            g = h.sum(axis=0)
            return h / g

        A_{i} = np.random.rand(40, {n})
        B_{i} = step_{i}(A_{i}, np.ones(({n}, 8)))
        """
    )
    return "import numpy as np\n\n" + "".join(block.format(i=i, n=3 + i % 5) for i in range(500))


async def loop_latency(folder: Path) -> tuple[float, float, float]:
    """(seconds to analyze a large file, median and worst answer time of the message loop meanwhile)."""
    editor = Editor(folder)
    await editor.start()
    await asyncio.sleep(1.0)  # the worker has started
    opened = time.perf_counter()
    uri = editor.open(folder / "large.py", large_module())
    answers = []
    while not editor.published.get(uri):
        sent = time.perf_counter()
        try:
            await editor.client.protocol.send_request_async("editorSession/ping", {})
        except JsonRpcMethodNotFound:
            pass
        answers.append(time.perf_counter() - sent)
        await asyncio.sleep(0.05)
    analyzed = editor.published[uri][0][0] - opened
    await editor.stop()
    return analyzed, statistics.median(answers), max(answers)


async def main(runs: int) -> int:
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = [await session(folder, report)]
        for _ in range(runs - 1):
            quiet = Report()
            with contextlib.redirect_stdout(io.StringIO()):
                times.append(await session(folder, quiet))
            report.failed += quiet.failed
        analyzed, median, worst = await loop_latency(folder)
    print()
    for label, values in (("didOpen", [t[0] for t in times]), ("starting the server", [t[1] for t in times])):
        print(
            f"first diagnostics after {label}, over {runs} fresh server(s): "
            f"median {statistics.median(values):.2f} s, worst {max(values):.2f} s"
        )
    print(
        f"while a {len(large_module().splitlines())}-line file took {analyzed:.2f} s to analyze, "
        f"the server answered requests in {median * 1000:.0f} ms (median), {worst * 1000:.0f} ms (worst)"
    )
    print(f"{'all checks passed' if not report.failed else f'{report.failed} check(s) failed'} (cpus: {os.cpu_count()})")
    return 1 if report.failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="fresh servers to time the first diagnostics on")
    sys.exit(asyncio.run(main(max(1, parser.parse_args().runs))))
