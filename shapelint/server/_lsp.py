"""The language server: open documents, debounced analysis in a worker process, LSP features.

Each open `.py` document and each notebook document is `Tracked`. A change
bumps its generation and (re)starts one task: wait `DEBOUNCE` seconds of
quiet (none on open and save), snapshot the text, analyze it in the worker
process (`_work.analyze`), and publish the diagnostics if no newer change
came meanwhile. Requests that need positions (hover, inlay hints, code
actions) wait for the analysis of the current text, so they never answer
from a stale one.

Settings come from `initializationOptions` and `workspace/didChangeConfiguration`
(either at the top level or under a `shapelint` key):

- `unsafeFixes` (false): "Fix all" applies unsafe fixes too, as `--fix --unsafe-fixes`;
- `inlayHints` (true): shapes as inlay hints after assignments;
- `configuration` (none): a configuration file, as `check --config`; relative
  to the first workspace folder.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..findings import Finding, Position
from ..fixing import is_applicable
from ..links import HOW_TO_REPORT
from . import _convert
from ._messages import CellText, Document, Hint, Outcome, ShapeSpan
from ._pool import Worker

log = logging.getLogger(__name__)

# Seconds of quiet after a change before the buffer is analyzed.
DEBOUNCE = 0.25
# How long a hover, inlay hint or code action waits for the analysis of the current text.
WAIT_FOR_ANALYSIS = 10.0
FIX_ALL_TITLE = "Fix all shapelint problems"
_CONFIG_FILES = ("pyproject.toml", "shapelint.toml")


@dataclass
class Settings:
    unsafe_fixes: bool = False
    inlay_hints: bool = True
    configuration: str | None = None

    _KEYS = {"unsafeFixes": ("unsafe_fixes", bool), "inlayHints": ("inlay_hints", bool), "configuration": ("configuration", str)}

    def update(self, raw: Any) -> list[str]:
        """Take the known keys of `raw`; the problems with it, for the log."""
        if isinstance(raw, dict) and isinstance(raw.get("shapelint"), dict):
            raw = raw["shapelint"]
        if not isinstance(raw, dict):
            return [] if raw is None else [f"settings must be an object, got {raw!r}"]
        problems = []
        for key, value in raw.items():
            if key not in self._KEYS:
                continue
            attribute, kind = self._KEYS[key]
            if value is None and kind is str:
                setattr(self, attribute, None)
            elif isinstance(value, kind):
                setattr(self, attribute, value)
            else:
                problems.append(f"setting `{key}` must be a {kind.__name__}, got {value!r}")
        return problems


@dataclass
class Tracked:
    """An open module or notebook, and what its last analysis found."""

    uri: str
    notebook: bool = False
    generation: int = 0
    task: asyncio.Task[None] | None = None
    # The analysis of generation `analyzed`, and the texts it saw: cell number (None for a module) -> (uri, text).
    outcome: Outcome | None = None
    analyzed: int = -1
    texts: dict[int | None, tuple[str, str]] = field(default_factory=dict)
    # The rows of those texts, made when first needed.
    lines: dict[int | None, _convert.Lines] = field(default_factory=dict)
    # The uris diagnostics were last published to (a notebook publishes per cell).
    published: set[str] = field(default_factory=set)

    @property
    def fresh(self) -> bool:
        return self.analyzed == self.generation and self.outcome is not None


class ShapelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "shapelint",
            __version__,
            # Whole texts: incremental edits are placed by rows that pygls splits at more
            # characters than Python does (\f, \u2028), and the copy would drift from the editor's.
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[
                    types.NotebookDocumentFilterWithCells(cells=[types.NotebookCellLanguage(language="python")], notebook="*")
                ],
                save=True,
            ),
        )
        self.settings = Settings()
        self.tracked: dict[str, Tracked] = {}
        self.shown: set[str] = set()
        self._worker: Worker | None = None

    # -- the worker process --

    @property
    def worker(self) -> Worker:
        if self._worker is None:
            self._worker = Worker()
        return self._worker

    async def in_worker(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """`_work.NAME(*args, **kwargs)`, run in the worker process."""
        return await asyncio.wrap_future(self.worker.submit(name, *args, **kwargs))

    # -- documents --

    def root(self) -> str:
        """The first workspace folder (where an unsaved buffer's configuration is looked for)."""
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        return next((f for f in folders if f), None) or self.workspace.root_path or os.getcwd()

    def path_of(self, uri: str) -> str:
        """The file a document is (or would be): its path, or a name in the first workspace folder."""
        if urlparse(uri).scheme == "file":
            path = to_fs_path(uri)
            if path:
                return path
        return os.path.join(self.root(), os.path.basename(unquote(urlparse(uri).path)) or "untitled")

    def config_file(self) -> str | None:
        configured = self.settings.configuration
        return os.path.join(self.root(), configured) if configured else None

    def snapshot(self, tracked: Tracked) -> tuple[Document, dict[int | None, tuple[str, str]]]:
        """The document to analyze now, and its texts by cell."""
        config = self.config_file()
        if not tracked.notebook:
            text = self.workspace.get_text_document(tracked.uri).source
            return Document(self.path_of(tracked.uri), text=text, config=config), {None: (tracked.uri, text)}
        notebook = self.workspace.get_notebook_document(notebook_uri=tracked.uri)
        cells: list[CellText] = []
        texts: dict[int | None, tuple[str, str]] = {}
        for number, cell in enumerate(notebook.cells if notebook else [], start=1):
            document = self.workspace.get_text_document(cell.document)
            if cell.kind == types.NotebookCellKind.Markup:
                kind = "markdown"
            else:
                kind = "code" if (document.language_id or "python") == "python" else "raw"
            cells.append(CellText(kind, document.source))
            texts[number] = (cell.document, document.source)
        return Document(self.path_of(tracked.uri), cells=tuple(cells), config=config), texts

    def track(self, uri: str, *, notebook: bool = False, delay: float = 0.0) -> None:
        tracked = self.tracked.setdefault(uri, Tracked(uri, notebook))
        tracked.generation += 1
        if tracked.task is not None:
            tracked.task.cancel()
        tracked.task = asyncio.get_running_loop().create_task(self._analyze(tracked, tracked.generation, delay))

    def forget(self, uri: str) -> None:
        tracked = self.tracked.pop(uri, None)
        if tracked is None:
            return
        if tracked.task is not None:
            tracked.task.cancel()
        for published in tracked.published:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=published, diagnostics=[]))

    def lookup(self, uri: str) -> tuple[Tracked, int | None] | None:
        """The tracked document holding `uri`, and the cell number if `uri` is a notebook cell."""
        if uri in self.tracked:
            return self.tracked[uri], None
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        if notebook is None or notebook.uri not in self.tracked:
            return None
        number = next((i for i, cell in enumerate(notebook.cells, start=1) if cell.document == uri), None)
        return self.tracked[notebook.uri], number

    async def _analyze(self, tracked: Tracked, generation: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            document, texts = self.snapshot(tracked)
            outcome = await self.in_worker("analyze", document)
        except BrokenProcessPool:
            outcome = Outcome(error=f"internal error: the analysis process stopped (this is {HOW_TO_REPORT})")
            texts = tracked.texts
        except Exception as exc:  # never let one document stop the server
            log.exception("analyzing %s", tracked.uri)
            message = f"internal error: {type(exc).__name__}: {exc} (this is {HOW_TO_REPORT})"
            outcome, texts = Outcome(error=message), tracked.texts
        if tracked.generation != generation or self.tracked.get(tracked.uri) is not tracked:
            return
        tracked.outcome, tracked.analyzed, tracked.texts, tracked.lines = outcome, generation, texts, {}
        self.publish(tracked)

    async def current(self, tracked: Tracked) -> Tracked | None:
        """`tracked` once the analysis of its current text is done; None if it takes too long."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_FOR_ANALYSIS
        while not tracked.fresh:
            task, left = tracked.task, deadline - loop.time()
            # A finished task that left no fresh analysis was cancelled (the document closed).
            if task is None or task.done() or left <= 0:
                return None
            try:
                await asyncio.wait_for(asyncio.shield(task), left)
            except asyncio.CancelledError:
                if not task.cancelled():
                    raise
            except asyncio.TimeoutError:
                return None
        return tracked

    # -- publishing --

    def units(self) -> Callable[[str], int]:
        return self.workspace.position_codec.client_num_units

    def lines(self, tracked: Tracked, cell: int | None) -> _convert.Lines | None:
        if cell not in tracked.lines:
            entry = tracked.texts.get(cell)
            if entry is None:
                return None
            tracked.lines[cell] = _convert.Lines(entry[1], self.units())
        return tracked.lines[cell]

    def related(self, tracked: Tracked, cell: int | None, start: Position) -> types.Location | None:
        entry, lines = tracked.texts.get(cell), self.lines(tracked, cell)
        if entry is None or lines is None:
            return None
        return types.Location(entry[0], lines.rest_of_row(start))

    def publish(self, tracked: Tracked) -> None:
        outcome = tracked.outcome
        assert outcome is not None
        by_uri: dict[str, list[types.Diagnostic]] = {uri: [] for uri, _ in tracked.texts.values()}
        if outcome.config_error is not None:
            self.show_once(outcome.config_error)
        elif outcome.error is not None:
            first = next(iter(tracked.texts.values()))[0] if tracked.texts else tracked.uri
            problem = types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=f"shapelint could not analyze this file: {outcome.error}",
                severity=types.DiagnosticSeverity.Error,
                source=_convert.SOURCE,
            )
            by_uri.setdefault(first, []).append(problem)
        for finding in outcome.findings:
            entry, lines = tracked.texts.get(finding.cell), self.lines(tracked, finding.cell)
            if entry is None or lines is None:
                continue
            related = partial(self.related, tracked)
            by_uri[entry[0]].append(_convert.diagnostic(finding, lines, related))
        for uri in tracked.published - set(by_uri):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        tracked.published = {uri for uri, diagnostics in by_uri.items()}

    def show_once(self, message: str) -> None:
        """A configuration problem: one message per distinct problem, and a line in the log each time."""
        self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"shapelint: {message}"))

    def reanalyze_all(self) -> None:
        for uri, tracked in list(self.tracked.items()):
            self.track(uri, notebook=tracked.notebook)

    # -- features --

    def findings_in(self, tracked: Tracked, cell: int | None) -> list[Finding]:
        assert tracked.outcome is not None
        return [f for f in tracked.outcome.findings if f.cell == cell]

    def shapes_in(self, tracked: Tracked, cell: int | None) -> tuple[list[ShapeSpan], list[Hint]]:
        assert tracked.outcome is not None
        spans: list[ShapeSpan] = []
        hints: list[Hint] = []
        for placed in tracked.outcome.shapes:
            if placed.cell != cell:
                continue
            if isinstance(placed.item, ShapeSpan):
                spans.append(placed.item)
            else:
                hints.append(placed.item)
        return spans, hints

    async def fix_all_edit(self, tracked: Tracked) -> types.WorkspaceEdit | None:
        document, texts = self.snapshot(tracked)
        fixed = await self.in_worker("fix_all", document, unsafe=self.settings.unsafe_fixes)
        if fixed.error is not None:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, fixed.error))
            return None
        changes: dict[str, list[types.TextEdit]] = {}
        if fixed.text is not None and None in texts:
            uri, old = texts[None]
            changes[uri] = [_convert.whole_text(old, fixed.text, self.units())]
        for number, source in fixed.cells.items():
            if number in texts:
                uri, old = texts[number]
                changes[uri] = [_convert.whole_text(old, source, self.units())]
        return types.WorkspaceEdit(changes=changes) if changes else None


server = ShapelintServer()


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether an action of `kind` is asked for: kinds are hierarchical (`source.fixAll` asks for ours)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


@server.feature(types.INITIALIZE)
def initialize(ls: ShapelintServer, params: types.InitializeParams) -> None:
    for problem in ls.settings.update(params.initialization_options):
        log.warning("shapelint: %s", problem)


@server.feature(types.INITIALIZED)
def initialized(ls: ShapelintServer, params: types.InitializedParams) -> None:
    # Configuration edited outside the editor (another tool, a branch switch) re-checks open files too.
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in _CONFIG_FILES]
        ls.client_register_capability(
            types.RegistrationParams(
                [
                    types.Registration(
                        id="shapelint-configuration",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                    )
                ]
            )
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ShapelintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.reanalyze_all()


@server.feature(types.SHUTDOWN)
def shutdown(ls: ShapelintServer, params: None) -> None:
    for tracked in ls.tracked.values():
        if tracked.task is not None:
            tracked.task.cancel()
    ls.worker.stop()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: ShapelintServer, params: types.DidChangeConfigurationParams) -> None:
    for problem in ls.settings.update(params.settings):
        ls.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"shapelint: {problem}"))
    ls.reanalyze_all()
    refresh = ls.client_capabilities.workspace and ls.client_capabilities.workspace.inlay_hint
    if refresh and refresh.refresh_support:
        ls.workspace_inlay_hint_refresh(None)


def _is_python(document: types.TextDocumentItem) -> bool:
    """Python source, as the client names it; clients that send every file they open send others too."""
    language = (document.language_id or "").lower()
    if language:
        return language in ("python", "ipython")
    return urlparse(document.uri).path.endswith((".py", ".pyw"))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ShapelintServer, params: types.DidOpenTextDocumentParams) -> None:
    if _is_python(params.text_document):
        ls.track(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ShapelintServer, params: types.DidChangeTextDocumentParams) -> None:
    if params.text_document.uri in ls.tracked:
        ls.track(params.text_document.uri, delay=DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ShapelintServer, params: types.DidSaveTextDocumentParams) -> None:
    if os.path.basename(urlparse(params.text_document.uri).path) in _CONFIG_FILES:
        ls.reanalyze_all()  # the configuration of every open file may have changed
    elif params.text_document.uri in ls.tracked:
        ls.track(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ShapelintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_did_open(ls: ShapelintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.track(params.notebook_document.uri, notebook=True)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_did_change(ls: ShapelintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.track(params.notebook_document.uri, notebook=True, delay=DEBOUNCE)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
def notebook_did_save(ls: ShapelintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.track(params.notebook_document.uri, notebook=True)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_did_close(ls: ShapelintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.forget(params.notebook_document.uri)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: ShapelintServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.lookup(params.text_document.uri)
    if found is None or await ls.current(found[0]) is None:
        return None
    tracked, cell = found
    lines = ls.lines(tracked, cell)
    if lines is None:
        return None
    spans, _ = ls.shapes_in(tracked, cell)
    span = _convert.innermost(spans, *lines.to_shapelint(params.position))
    return _convert.hover(span, lines) if span is not None else None


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
async def inlay_hints(ls: ShapelintServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    found = ls.lookup(params.text_document.uri)
    if not ls.settings.inlay_hints or found is None or await ls.current(found[0]) is None:
        return None
    tracked, cell = found
    lines = ls.lines(tracked, cell)
    if lines is None:
        return None
    _, hints = ls.shapes_in(tracked, cell)
    wanted = params.range
    out = []
    for hint in hints:
        position = lines.position(hint.row, hint.column + 1)
        if (wanted.start.line, wanted.start.character) <= (position.line, position.character) <= (wanted.end.line, wanted.end.character):
            out.append(_convert.inlay_hint(hint, lines))
    return out


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, _convert.FIX_ALL_KIND],
        resolve_provider=True,
    ),
)
async def code_actions(ls: ShapelintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    found = ls.lookup(params.text_document.uri)
    if found is None or await ls.current(found[0]) is None:
        return None
    tracked, cell = found
    lines = ls.lines(tracked, cell)
    if lines is None or tracked.outcome is None:
        return None
    only = list(params.context.only) if params.context.only else None
    uri = params.text_document.uri
    actions: list[types.CodeAction] = []
    if _wants(only, types.CodeActionKind.QuickFix):
        related = partial(ls.related, tracked)
        source = tracked.texts[cell][1]
        silencers = []
        for finding in ls.findings_in(tracked, cell):
            diagnostic = _convert.diagnostic(finding, lines, related)
            if not _overlaps(diagnostic.range, params.range):
                continue
            if finding.fix is not None:
                actions.append(
                    types.CodeAction(
                        title=f"{finding.fix.message} ({finding.code})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=types.WorkspaceEdit(changes={uri: _convert.edits(finding.fix, lines)}),
                        is_preferred=finding.fix.applicability == "safe",
                    )
                )
            noqa = _convert.noqa_edit(source, finding, lines)
            if noqa is not None:
                silencers.append(
                    types.CodeAction(
                        title=f"Disable {finding.code} for this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=types.WorkspaceEdit(changes={uri: [noqa]}),
                    )
                )
        # The fixes first, then the ways to silence a finding.
        actions += silencers
    if _wants(only, _convert.FIX_ALL_KIND) and any(
        is_applicable(f.fix, unsafe=ls.settings.unsafe_fixes) for f in tracked.outcome.findings
    ):
        action = types.CodeAction(title=FIX_ALL_TITLE, kind=_convert.FIX_ALL_KIND, data={"uri": uri})
        resolve = ls.client_capabilities.text_document and ls.client_capabilities.text_document.code_action
        support = resolve.resolve_support if resolve else None
        if support is None or "edit" not in support.properties:
            action.edit = await ls.fix_all_edit(tracked)
            if action.edit is None:
                return actions
        actions.append(action)
    return actions


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: ShapelintServer, action: types.CodeAction) -> types.CodeAction:
    uri = action.data.get("uri") if isinstance(action.data, dict) else None
    found = ls.lookup(uri) if isinstance(uri, str) else None
    if action.kind == _convert.FIX_ALL_KIND and found is not None and await ls.current(found[0]) is not None:
        action.edit = await ls.fix_all_edit(found[0]) or types.WorkspaceEdit(changes={})
    return action


class _OneLine(logging.Formatter):
    """A log record on one line: an exception by its type and message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        exc_info, record.exc_info, record.exc_text = record.exc_info, None, None
        try:
            text = super().format(record)
        finally:
            record.exc_info = exc_info
        if exc_info and exc_info[1] is not None:
            text += f" ({type(exc_info[1]).__name__}: {exc_info[1]})"
        return text


def serve(worker: Worker | None = None) -> None:
    """Serve over stdin and stdout until the client says exit (or goes away)."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine("shapelint server: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    server._worker = worker
    try:
        server.start_io()
    except Exception as exc:  # the stream itself cannot be read (a length no message can have)
        logging.getLogger(__name__).error("stopping: the client's messages cannot be read (%s: %s)", type(exc).__name__, exc)
        sys.exit(1)
    finally:
        server.worker.stop()
