"""An editor session against `shapelint server` in a subprocess, driven by pygls's LSP client.

    async with Session(folder) as session:
        uri = await session.open(folder / "a.py", text)
        diagnostics = await session.diagnostics(uri)

Used by the tests and by `benchmarks/editor_session.py`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient

# Generous: a loaded CI machine must never fail a test by being slow (timings are reported, not asserted).
TIMEOUT = 60.0


class Session:
    def __init__(
        self,
        folder: Path,
        *,
        options: dict[str, Any] | None = None,
        resolve_support: bool = False,
        command: tuple[str, ...] = (sys.executable, "-m", "shapelint", "server"),
    ) -> None:
        self.folder = folder
        self.options = options
        self.resolve_support = resolve_support
        self.command = command
        self.client = LanguageClient("shapelint-tests", "1")
        # uri -> the diagnostics of every publish, in order.
        self.published: dict[str, list[list[types.Diagnostic]]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.logged: list[types.LogMessageParams] = []
        self._changed = asyncio.Condition()
        self.versions: dict[str, int] = {}
        self.result: types.InitializeResult | None = None
        self.exit_code: int | None = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def _publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(list(params.diagnostics))
            async with self._changed:
                self._changed.notify_all()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        async def _show(params: types.ShowMessageParams) -> None:
            self.messages.append(params)
            async with self._changed:
                self._changed.notify_all()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _log(params: types.LogMessageParams) -> None:
            self.logged.append(params)

        @self.client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
        def _refresh(params: None) -> None:
            return None

        self.registrations: list[types.Registration] = []

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def __aenter__(self) -> "Session":
        await self.client.start_io(*self.command, cwd=str(self.folder), env={**os.environ, "PYTHONUNBUFFERED": "1"})
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True),
                code_action=types.CodeActionClientCapabilities(
                    resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]) if self.resolve_support else None
                ),
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
                inlay_hint=types.InlayHintClientCapabilities(),
            ),
            workspace=types.WorkspaceClientCapabilities(
                inlay_hint=types.InlayHintWorkspaceClientCapabilities(refresh_support=True),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            ),
            notebook_document=types.NotebookDocumentClientCapabilities(
                synchronization=types.NotebookDocumentSyncClientCapabilities()
            ),
        )
        self.result = await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities,
                    process_id=os.getpid(),
                    root_uri=self.folder.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(self.folder.as_uri(), self.folder.name)],
                    initialization_options=self.options,
                )
            ),
            TIMEOUT,
        )
        self.client.initialized(types.InitializedParams())
        return self

    async def close(self) -> int | None:
        """shutdown, exit, and the server's exit code."""
        if self.exit_code is None:
            await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
            self.client.exit(None)
            server = self.client._server
            if server is not None:
                self.exit_code = await asyncio.wait_for(server.wait(), TIMEOUT)
            await self.client.stop()
        return self.exit_code

    async def __aexit__(self, *exc: object) -> None:
        try:
            await self.close()
        except Exception:
            server = self.client._server
            if server is not None and server.returncode is None:
                server.kill()
            raise

    # -- documents --

    def uri(self, path: Path) -> str:
        return path.as_uri()

    async def open(self, path: Path, text: str, language: str = "python") -> str:
        uri = self.uri(path)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text))
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    def open_notebook(self, path: Path, cells: list[tuple[str, str]]) -> tuple[str, list[str]]:
        """Open a notebook of (kind, source) cells ("code" or "markdown"); its uri and its cells' uris."""
        uri = self.uri(path)
        cell_uris = [f"{uri}#cell{i}" for i in range(1, len(cells) + 1)]
        self.client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=uri,
                    notebook_type="jupyter-notebook",
                    version=1,
                    cells=[
                        types.NotebookCell(
                            kind=types.NotebookCellKind.Code if kind == "code" else types.NotebookCellKind.Markup,
                            document=cell_uri,
                        )
                        for (kind, _), cell_uri in zip(cells, cell_uris)
                    ],
                ),
                cell_text_documents=[
                    types.TextDocumentItem(cell_uri, "python" if kind == "code" else "markdown", 1, source)
                    for (kind, source), cell_uri in zip(cells, cell_uris)
                ],
            )
        )
        return uri, cell_uris

    async def diagnostics(
        self, uri: str, until: Callable[[list[types.Diagnostic]], bool] = lambda d: True, *, after: int = 0
    ) -> list[types.Diagnostic]:
        """The first diagnostics published for `uri` (from the `after`-th publish on) that satisfy `until`."""

        def found() -> list[types.Diagnostic] | None:
            for diagnostics in self.published.get(uri, [])[after:]:
                if until(diagnostics):
                    return diagnostics
            return None

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), TIMEOUT)
        result = found()
        assert result is not None
        return result

    async def message(self) -> types.ShowMessageParams:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(self.messages)), TIMEOUT)
        return self.messages[0]

    # -- requests --

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        params = types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
        return await asyncio.wait_for(self.client.text_document_hover_async(params), TIMEOUT)

    async def inlay_hints(self, uri: str, lines: int = 1000) -> list[types.InlayHint]:
        params = types.InlayHintParams(
            types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(lines, 0))
        )
        hints = await asyncio.wait_for(asyncio.ensure_future(self.client.text_document_inlay_hint_async(params)), TIMEOUT)
        return list(hints or [])

    async def code_actions(
        self, uri: str, range_: types.Range, diagnostics: list[types.Diagnostic], only: list[str] | None = None
    ) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            types.TextDocumentIdentifier(uri), range_, types.CodeActionContext(diagnostics=diagnostics, only=only)
        )
        actions = await asyncio.wait_for(self.client.text_document_code_action_async(params), TIMEOUT)
        return [a for a in actions or [] if isinstance(a, types.CodeAction)]

    async def resolve(self, action: types.CodeAction) -> types.CodeAction:
        return await asyncio.wait_for(self.client.code_action_resolve_async(action), TIMEOUT)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """`text` with LSP edits applied (UTF-16 positions, as the session negotiates by default)."""
    lines = text.splitlines(keepends=True) or [""]
    if text.endswith(("\n", "\r")):
        lines.append("")

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = column = 0
        while column < len(line) and units < position.character:
            units += 2 if ord(line[column]) > 0xFFFF else 1
            column += 1
        return before + column

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def timed() -> Callable[[], float]:
    start = time.perf_counter()
    return lambda: time.perf_counter() - start
