"""`shapelint server`: the Language Server Protocol over stdio, for any editor.

    pip install 'shapelint[server]'
    shapelint server

`_lsp` is the server (pygls): it keeps the open documents, debounces
changes and turns findings and shapes into LSP messages (`_convert`).
The analysis runs in a worker process (`_work`), so a long analysis never
holds up the message loop; `_work` and `_shapes` import nothing of pygls,
and nothing outside this package imports it, so `shapelint check` stays
free of the server's dependencies.
"""


def main() -> None:
    """Start the worker process, then load and run the server (see `_pool` for why in that order)."""
    from ._pool import Worker

    worker = Worker()
    from ._lsp import serve

    serve(worker)
