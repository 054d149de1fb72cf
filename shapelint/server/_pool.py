"""The worker process the server analyzes in, started before the server itself loads.

`shapelint server` starts it first thing (`server.main`), so the worker
imports the engine while the server imports pygls and answers `initialize`:
the first file opened does not wait for either. One process: the machine's
other cores are the editor's, and a newer change makes the older analysis
moot anyway. A worker that dies (out of memory, a crash in a native
parser) is replaced on the next request.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


def _call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Runs in the worker: `_work.NAME(*args, **kwargs)`."""
    from . import _work

    return getattr(_work, name)(*args, **kwargs)


class Worker:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.submit("warm_up")

    def submit(self, name: str, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `_work.NAME` in the worker process; its future fails with BrokenProcessPool if the worker dies."""
        try:
            future = self._executor().submit(_call, name, args, kwargs)
        except BrokenProcessPool:
            # It died while idle, not over this request: start another and go on.
            self._pool = None
            future = self._executor().submit(_call, name, args, kwargs)
        future.add_done_callback(self._check)
        return future

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the server has threads (pygls reads stdin in one).
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def _check(self, future: Future[Any]) -> None:
        if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
            self._pool = None  # the next request starts a new worker

    def stop(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


__all__ = ["Worker"]
