"""`shapelint server` in a subprocess, driven over stdio by a real LSP client (pygls's).

Timings are printed (`-s` shows them), never asserted beyond a generous
timeout: a loaded machine must not fail a test by being slow.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Awaitable, Callable

import pytest

pytest.importorskip("pygls", reason="the server's tests need its extra: pip install -e '.[test]'")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcMethodNotFound  # noqa: E402

from shapelint.api import lint_source  # noqa: E402
from shapelint.links import rule_url  # noqa: E402

from .session import Session, apply_edits, timed  # noqa: E402

RANK1 = textwrap.dedent(
    """\
    import numpy as np

    a = np.random.rand(5)
    b = a.T
    c = np.dot(a, a.T)
    """
)
CLEAN = "import numpy as np\n\na = np.random.rand(5, 1)\n"
MATMUL = "import numpy as np\nx = np.ones((2, 3)) @ np.ones((4, 5))\n"


def run(folder: Path, scenario: Callable[[Session], Awaitable[None]], **options: object) -> Session:
    async def main() -> Session:
        async with Session(folder, **options) as session:  # type: ignore[arg-type]
            await scenario(session)
        return session

    return asyncio.run(main())


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def test_capabilities_and_diagnostics_on_open_with_code_link_severity_and_note(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        elapsed = timed()
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        diagnostics = await session.diagnostics(uri, bool)
        print(f"\nfirst diagnostics {elapsed():.2f} s after didOpen")
        assert codes(diagnostics) == ["SL001", "SL002", "SL004"]
        first = min(diagnostics, key=lambda d: d.range.start.line)
        assert first.code == "SL001" and first.source == "shapelint"
        assert first.range == types.Range(types.Position(2, 4), types.Position(2, 21))
        assert first.severity == types.DiagnosticSeverity.Warning
        assert "rank-1 array of shape (5,)" in first.message
        assert first.code_description is not None and first.code_description.href == rule_url("SL001")
        transpose = next(d for d in diagnostics if d.code == "SL002")
        (note,) = transpose.related_information or []
        assert note.message == "`a` became (5,) at line 3"
        assert note.location.uri == uri and note.location.range.start == types.Position(2, 0)

    session = run(tmp_path, scenario)
    assert session.result is not None
    capabilities = session.result.capabilities
    assert session.result.server_info is not None and session.result.server_info.name == "shapelint"
    assert capabilities.hover_provider and capabilities.inlay_hint_provider
    assert isinstance(capabilities.code_action_provider, types.CodeActionOptions)
    kinds = capabilities.code_action_provider.code_action_kinds or []
    assert types.CodeActionKind.QuickFix in kinds and "source.fixAll.shapelint" in kinds
    assert capabilities.notebook_document_sync is not None
    assert session.exit_code == 0


def test_a_clean_change_clears_the_diagnostics_and_the_last_change_wins(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        await session.diagnostics(uri, bool)
        seen = len(session.published[uri])
        session.change(uri, CLEAN)
        assert await session.diagnostics(uri, lambda d: not d, after=seen) == []
        # A burst of changes: the diagnostics that end up published are those of the last text.
        seen = len(session.published[uri])
        for text in (RANK1, CLEAN, RANK1, MATMUL):
            session.change(uri, text)
        final = await session.diagnostics(uri, lambda d: codes(d) == ["SL006"], after=seen)
        assert final[0].range.start == types.Position(1, 4)
        assert final[0].severity == types.DiagnosticSeverity.Error
        await asyncio.sleep(1.0)
        assert codes(session.published[uri][-1]) == ["SL006"]

    run(tmp_path, scenario)


def test_quick_fix_edit_fixes_the_finding(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        diagnostics = await session.diagnostics(uri, bool)
        origin = next(d for d in diagnostics if d.code == "SL001")
        actions = await session.code_actions(uri, origin.range, [origin], only=[types.CodeActionKind.QuickFix])
        titles = [a.title for a in actions if a.diagnostics and a.diagnostics[0].code == "SL001"]
        # The fix first, then the way to silence the finding.
        assert titles == ["Use `np.random.rand(5, 1)` (SL001)", "Disable SL001 for this line"]
        action = actions[0]
        assert action.kind == types.CodeActionKind.QuickFix
        assert action.edit is not None and action.edit.changes is not None
        fixed = apply_edits(RANK1, list(action.edit.changes[uri]))
        assert "a = np.random.rand(5, 1)\n" in fixed
        seen = len(session.published[uri])
        session.change(uri, fixed)
        after = await session.diagnostics(uri, lambda d: True, after=seen)
        assert "SL001" not in codes(after)

    run(tmp_path, scenario)


def test_disable_for_this_line_adds_noqa(tmp_path: Path) -> None:
    text = "import numpy as np\n\na = np.random.rand(5)  # noqa: SL003 broadcast is meant\nb = a + np.ones((5, 1))\n"

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "n.py", text)
        diagnostics = await session.diagnostics(uri, bool)
        origin = next(d for d in diagnostics if d.code == "SL001")
        actions = await session.code_actions(uri, origin.range, [origin])
        (silence,) = [a for a in actions if a.title == "Disable SL001 for this line"]
        assert silence.edit is not None and silence.edit.changes is not None
        silenced = apply_edits(text, list(silence.edit.changes[uri]))
        assert "a = np.random.rand(5)  # noqa: SL003, SL001 broadcast is meant\n" in silenced
        seen = len(session.published[uri])
        session.change(uri, silenced)
        assert "SL001" not in codes(await session.diagnostics(uri, after=seen))

    run(tmp_path, scenario)


def test_fix_all_applies_what_check_fix_applies(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "fixtures" / "rank1.py"
    text = source.read_text()
    copy = tmp_path / "copy" / "rank1.py"
    copy.parent.mkdir()
    copy.write_text(text)
    subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--fix", "--unsafe-fixes", "--no-cache", str(copy)],
        capture_output=True,
        check=False,
    )
    expected = copy.read_text()
    assert expected != text

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", text)
        await session.diagnostics(uri, bool)
        whole = types.Range(types.Position(0, 0), types.Position(0, 0))
        (action,) = await session.code_actions(uri, whole, [], only=[types.CodeActionKind.SourceFixAll])
        assert action.title == "Fix all shapelint problems" and action.kind == "source.fixAll.shapelint"
        if action.edit is None:  # the client resolves edits lazily
            action = await session.resolve(action)
        assert action.edit is not None and action.edit.changes is not None
        assert apply_edits(text, list(action.edit.changes[uri])) == expected

    run(tmp_path, scenario, options={"unsafeFixes": True})
    run(tmp_path, scenario, options={"shapelint": {"unsafeFixes": True}}, resolve_support=True)


def test_fix_all_leaves_unsafe_fixes_alone_by_default(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        diagnostics = await session.diagnostics(uri, bool)
        whole = types.Range(types.Position(0, 0), types.Position(5, 0))
        # Every shape fix is unsafe: quick fixes are offered, "Fix all" is not.
        actions = await session.code_actions(uri, whole, diagnostics)
        assert {a.kind for a in actions} == {types.CodeActionKind.QuickFix}
        assert await session.code_actions(uri, whole, [], only=["source.fixAll"]) == []

    run(tmp_path, scenario)


def test_hover_shows_the_shape_and_where_it_came_from(tmp_path: Path) -> None:
    text = "import numpy as np\n\na = np.random.rand(5)\nX = np.zeros((4, 3))\nc = X @ np.ones(3)  # comment\n"

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "h.py", text)
        hover = await session.hover(uri, 4, 4)  # on `X` in line 5
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "X: (4, 3)" in hover.contents.value
        assert "assigned at line 4: `X = np.zeros((4, 3))`" in hover.contents.value
        assert hover.range == types.Range(types.Position(4, 4), types.Position(4, 5))
        call = await session.hover(uri, 4, 11)  # on `ones`: the innermost array expression is the call
        assert call is not None and "`np.ones(3)`: (3,)" in call.contents.value  # type: ignore[union-attr]
        assert "a: (5,)" in (await session.hover(uri, 2, 0)).contents.value  # type: ignore[union-attr]
        assert await session.hover(uri, 4, 24) is None  # in the comment
        assert await session.hover(uri, 99, 99) is None  # past the end: no shape, no crash

    run(tmp_path, scenario)


def test_inlay_hints_after_assignments_and_the_setting_that_turns_them_off(tmp_path: Path) -> None:
    text = "import numpy as np\na = np.zeros(5)\nn = 3\nb, c = np.ones((2, 4))\n"

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "h.py", text)
        hints = await session.inlay_hints(uri)
        shown = [(h.position.line, h.position.character, h.label) for h in hints]
        assert shown == [(1, 15, "(5,)"), (3, 1, ": (4,)"), (3, 4, ": (4,)")]

    run(tmp_path, scenario)

    async def off(session: Session) -> None:
        uri = await session.open(tmp_path / "h.py", text)
        await session.diagnostics(uri)
        assert await session.inlay_hints(uri) == []

    run(tmp_path, off, options={"inlayHints": False})


def test_notebook_cells_are_one_program_with_diagnostics_per_cell(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        elapsed = timed()
        uri, cells = session.open_notebook(
            tmp_path / "course.ipynb",
            [
                ("code", "import numpy as np\na = np.random.rand(5)\n"),
                ("markdown", "# the outer product"),
                ("code", "%matplotlib inline\nouter = np.dot(a, a.T)\n"),
            ],
        )
        third = await session.diagnostics(cells[2], bool)
        print(f"\nfirst notebook diagnostics {elapsed():.2f} s after notebookDocument/didOpen")
        assert codes(third) == ["SL004"]
        assert third[0].range.start == types.Position(1, 8)
        (note,) = third[0].related_information or []
        assert note.location.uri == cells[0] and note.location.range.start.line == 1
        assert note.message == "`a` became (5,) at line 2 of cell 1"
        assert codes(await session.diagnostics(cells[0], bool)) == ["SL001"]
        assert cells[1] not in session.published or session.published[cells[1]][-1] == []
        hover = await session.hover(cells[2], 1, 15)
        assert hover is not None and "a: (5,)" in hover.contents.value  # type: ignore[union-attr]
        hints = await session.inlay_hints(cells[2])
        assert [h.label for h in hints] == ["()"]

        # Fixing cell 1 in the notebook clears cell 3.
        seen = len(session.published[cells[2]])
        session.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(2, uri),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(
                        text_content=[
                            types.NotebookDocumentCellContentChanges(
                                document=types.VersionedTextDocumentIdentifier(2, cells[0]),
                                changes=[types.TextDocumentContentChangeWholeDocument("import numpy as np\na = np.random.rand(5, 1)\n")],
                            )
                        ]
                    )
                ),
            )
        )
        assert await session.diagnostics(cells[2], lambda d: not d, after=seen) == []
        session.client.notebook_document_did_close(
            types.DidCloseNotebookDocumentParams(
                types.NotebookDocumentIdentifier(uri), [types.TextDocumentIdentifier(c) for c in cells]
            )
        )

    run(tmp_path, scenario)


def test_fix_all_in_a_notebook_edits_the_cells_it_fixes(tmp_path: Path) -> None:
    cells = [
        ("code", "import numpy as np\na = np.random.rand(5)\n"),
        ("markdown", "text"),
        ("code", "b = a.T\nprint(b)\n"),
    ]
    notebook = tmp_path / "copy.ipynb"
    notebook.write_text(
        json.dumps({"cells": [{"cell_type": k, "metadata": {}, "source": s} for k, s in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    subprocess.run([sys.executable, "-m", "shapelint", "check", "--fix", "--unsafe-fixes", "--no-cache", str(notebook)], capture_output=True, check=False)
    expected = [cell["source"] for cell in json.loads(notebook.read_text())["cells"]]
    assert expected[0] != cells[0][1]

    async def scenario(session: Session) -> None:
        _, uris = session.open_notebook(tmp_path / "course.ipynb", cells)
        await session.diagnostics(uris[0], bool)
        whole = types.Range(types.Position(0, 0), types.Position(0, 0))
        (action,) = await session.code_actions(uris[2], whole, [], only=["source.fixAll"])
        assert action.edit is not None and action.edit.changes is not None
        for (kind, source), uri, wanted in zip(cells, uris, expected):
            fixed = apply_edits(source, list(action.edit.changes[uri])) if uri in action.edit.changes else source
            assert fixed == "".join(wanted)

    run(tmp_path, scenario, options={"unsafeFixes": True})


def test_python_source_under_a_notebook_name_is_python(tmp_path: Path) -> None:
    # jupyterlab-lsp joins a notebook's cells into one Python document named after the notebook.
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / ".virtual_documents" / "course.ipynb", RANK1)
        assert codes(await session.diagnostics(uri, bool)) == ["SL001", "SL002", "SL004"]

    run(tmp_path, scenario)


def test_syntax_error_is_sl000_and_the_server_goes_on(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        text = "import numpy as np\na = = np.zeros(3)\n"
        uri = await session.open(tmp_path / "broken.py", text)
        (diagnostic,) = await session.diagnostics(uri, bool)
        assert diagnostic.code == "SL000" and diagnostic.severity == types.DiagnosticSeverity.Error
        # Where `check` puts it.
        (finding,) = lint_source(text, "broken.py")
        assert (diagnostic.range.start.line, diagnostic.range.start.character) == (finding.start.row - 1, finding.start.column - 1)
        assert diagnostic.message.startswith(finding.message)
        assert await session.hover(uri, 1, 3) is None
        other = await session.open(tmp_path / "ok.py", RANK1)
        assert "SL001" in codes(await session.diagnostics(other, bool))

    run(tmp_path, scenario)


def test_unknown_request_gets_method_not_found_and_bad_input_does_no_harm(tmp_path: Path) -> None:
    # Every rank-1 array is reported (the configuration's `rank-1`), so a lone one gives the diagnostic placed below.
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nrank-1 = "all"\n')

    async def scenario(session: Session) -> None:
        with pytest.raises(JsonRpcMethodNotFound):
            await asyncio.wait_for(session.client.protocol.send_request_async("shapelint/noSuchMethod", {}), 60)
        # A buffer that is not text the analyzer can take, and one with characters outside the BMP.
        binary = await session.open(tmp_path / "binary.py", "x = 1\x00\n")
        (problem,) = await session.diagnostics(binary, bool)
        assert "could not analyze" in problem.message and "NUL" in problem.message
        uri = await session.open(tmp_path / "wide.py", 'import numpy as np\ns = "😀😀"; a = np.random.rand(5)\n')
        (diagnostic,) = await session.diagnostics(uri, bool)
        # Columns are UTF-16 code units: each emoji counts 2.
        assert diagnostic.range.start == types.Position(1, 16)
        hover = await session.hover(uri, 1, 12)
        assert hover is not None and "a: (5,)" in hover.contents.value  # type: ignore[union-attr]
        # Only Python documents are analyzed (some clients send every file they open).
        toml = await session.open(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n", language="toml")
        # Hover and code actions on a document that was never opened.
        ghost = (tmp_path / "ghost.py").as_uri()
        assert await session.hover(ghost, 0, 0) is None
        assert await session.code_actions(ghost, types.Range(types.Position(0, 0), types.Position(0, 0)), []) == []
        assert toml not in session.published

    session = run(tmp_path, scenario)
    assert session.exit_code == 0


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker process through /proc")
def test_a_dead_worker_is_replaced(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        await session.diagnostics(uri, bool)
        server = session.client._server
        assert server is not None
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert workers
        for pid in workers:
            os.kill(int(pid), signal.SIGKILL)
        await asyncio.sleep(1.0)
        seen = len(session.published[uri])
        session.change(uri, MATMUL)
        assert codes(await session.diagnostics(uri, bool, after=seen)) == ["SL006"]

    session = run(tmp_path, scenario)
    assert session.exit_code == 0


def test_configuration_of_the_workspace_is_used(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.shapelint]\nignore = ["SL002"]\nexclude = ["scratch"]\n\n[tool.shapelint.per-file-ignores]\n"tests/*" = ["SL001"]\n'
    )

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        assert codes(await session.diagnostics(uri, bool)) == ["SL001", "SL004"]
        test = await session.open(tmp_path / "tests" / "t.py", RANK1)
        assert codes(await session.diagnostics(test, bool)) == ["SL004"]
        excluded = await session.open(tmp_path / "scratch" / "s.py", RANK1)
        assert await session.diagnostics(excluded) == []
        assert await session.hover(excluded, 2, 0) is None

    run(tmp_path, scenario)


def test_broken_configuration_is_one_message_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nselekt = ["SL001"]\n')

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        message = await session.message()
        assert message.type == types.MessageType.Error
        assert "unknown key `selekt`" in message.message and "did you mean `select`?" in message.message
        for _ in range(3):
            session.change(uri, RANK1 + "\n")
        await session.diagnostics(uri, lambda d: not d, after=0)
        await asyncio.sleep(1.5)
        assert len(session.messages) == 1
        # Fixed and saved in the editor: findings come back.
        (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nselect = ["SL001"]\n')
        seen = len(session.published[uri])
        session.client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier((tmp_path / "pyproject.toml").as_uri()))
        )
        assert codes(await session.diagnostics(uri, bool, after=seen)) == ["SL001"]
        # Changed outside the editor: the server asked to hear of it, and re-checks the open files.
        (registration,) = session.registrations
        assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\nselect = ["SL004"]\n')
        seen = len(session.published[uri])
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent((tmp_path / "pyproject.toml").as_uri(), types.FileChangeType.Changed)]
            )
        )
        assert codes(await session.diagnostics(uri, bool, after=seen)) == ["SL004"]

    run(tmp_path, scenario)


def test_configuration_file_setting(tmp_path: Path) -> None:
    (tmp_path / "lint.toml").write_text('select = ["SL004"]\n')

    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        assert codes(await session.diagnostics(uri, bool)) == ["SL004"]

    run(tmp_path, scenario, options={"configuration": "lint.toml"})


def test_server_command_without_pygls_says_what_to_install(tmp_path: Path) -> None:
    blocked = "import sys; sys.modules['pygls'] = None; from shapelint.cli import main; main(['server'])"
    result = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "pip install 'shapelint[server]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_imports_nothing_of_the_server(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(RANK1)
    probe = (
        "import sys\n"
        "from shapelint.cli import main\n"
        "try:\n"
        "    main(['check', '--no-cache', 'a.py'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 1, exit.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs') or m.startswith('shapelint.server'))\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_the_server_process_leaves_the_engine_to_the_worker() -> None:
    probe = "import sys, shapelint.server._lsp; print(sorted(m for m in ('libcst', 'numpy', 'shapelint.api') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(shutil.which("shapelint") is None, reason="the console script is not installed")
def test_the_console_script_serves(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = await session.open(tmp_path / "rank1.py", RANK1)
        assert "SL001" in codes(await session.diagnostics(uri, bool))

    # Some clients add `--stdio` to the command they are given.
    session = run(tmp_path, scenario, command=(shutil.which("shapelint"), "server", "--stdio"))
    assert session.exit_code == 0


@pytest.mark.parametrize(
    "stream, code, says",
    [
        (b"Content-Length: 5\r\n\r\n{{{{{", 0, "Unable to handle message (JSONDecodeError: "),
        (b"Content-Length: 1000000000000000000000000000000\r\n\r\n{}", 1, "the client's messages cannot be read"),
    ],
    ids=["bad-json", "impossible-length"],
)
def test_a_broken_stream_is_one_line_never_a_traceback(tmp_path: Path, stream: bytes, code: int, says: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-m", "shapelint", "server"], input=stream, capture_output=True,
                            cwd=tmp_path, env=env, timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode == code and says in stderr, stderr
    assert "Traceback" not in stderr
