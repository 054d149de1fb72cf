"""Running a program as `python SCRIPT ARGS` or `python -m MODULE ARGS` would, instrumented.

The script runs in a fresh `__main__` module with `sys.argv`, `sys.path[0]`
and the module attributes Python gives it (`__file__` absolute, as since
3.9; `__spec__` for `-m`). stdin, stdout and stderr are the process's own:
nothing here reads or writes them while the program runs. An uncaught
exception is printed as Python prints it (tracebacks.py), then non-daemon
threads are waited for, as Python does at shutdown; the caller reports the
findings after that. `RunResult.status` is the exit status `python` would
have had. A `.ipynb` target runs its code cells in order (notebook.py), in
the notebook's folder.

`run(..., isolate=True)` puts `sys.argv`, `sys.path`, the working directory, `sys.modules['__main__']`
and the hooks back afterwards, and forgets the instrumented modules, for running programs inside another process (the
tests, the fixture comparison). The command line does not isolate: the
process ends with the program, and atexit handlers may still need its
modules.
"""

from __future__ import annotations

import builtins
import importlib.machinery
import os
import runpy
import sys
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..sourcefile import SourceError, read_source
from .explain import Located, locate
from .importer import InstrumentingFinder, InstrumentingLoader, Policy, install, uninstall
from .instrument import InstrumentError, Instrumented
from .notebook import NotebookError, NotebookRun
from .recorder import Recorder
from .tracebacks import TracebackCleaner, install_thread_hook, print_exception


class RunError(Exception):
    """The program cannot be started (no such file or module); `status` is Python's exit status for it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class RunResult:
    """How the program ended, and what the recorder saw."""

    recorder: Recorder
    status: int = 0
    # The uncaught exception (not SystemExit), and the site that raised it if it is a shape error.
    exception: BaseException | None = None
    located: Located | None = None
    interrupted: bool = False
    # The pid the program started in: a forked child must not report.
    pid: int = field(default_factory=os.getpid)


def exit_status(exc: SystemExit, stderr: Any) -> int:
    """The status `python` exits with for an uncaught SystemExit (printing a non-int code, as it does)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code
    try:
        print(code, file=stderr)
    except Exception:
        pass
    return 1


def _main_module(path: str, spec: Any = None) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins  # type: ignore[attr-defined]
    if spec is None:
        module.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
        module.__spec__ = None
        module.__package__ = None
        module.__cached__ = None  # type: ignore[attr-defined]
    else:
        module.__loader__ = spec.loader
        module.__spec__ = spec
        module.__package__ = spec.parent
        module.__cached__ = spec.cached  # type: ignore[attr-defined]
    return module


def _join_threads() -> None:
    """Wait for non-daemon threads, as the interpreter does before it exits."""
    current = threading.current_thread()
    while True:
        pending = [t for t in threading.enumerate() if t is not current and not t.daemon and t.is_alive()]
        if not pending:
            return
        for thread in pending:
            thread.join()


def compile_instrumented(
    source: str, path: str, namespace: dict[str, Any], instrument: Callable[[], Instrumented], recorder: Recorder
) -> Any:
    """The code of `source` as `instrument()` rewrites it, or as it is where it cannot be rewritten.

    A syntax error is raised as Python reports it, from the original text.
    """
    plain = compile(source, path, "exec", dont_inherit=True)
    try:
        made = instrument()
    except (InstrumentError, SyntaxError, RecursionError, ValueError):
        return plain
    recorder.prepare(made, namespace)
    return made.code


class _Program:
    """The code to run and the namespace it runs in."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def _compile(self, source: str, path: str, module: types.ModuleType) -> Any:
        return compile_instrumented(source, path, module.__dict__, lambda: self.recorder.instrument(source, path), self.recorder)

    def notebook(self, path: str, args: Sequence[str]) -> tuple[Callable[[], None], types.ModuleType]:
        """The cells to run (notebook.py), in the notebook's folder."""
        try:
            notebook = NotebookRun(path, self.recorder)
        except NotebookError as exc:
            raise RunError(str(exc), exc.status) from None
        sys.argv = [path, *args]
        if sys.path:
            sys.path[0] = notebook.folder
        else:
            sys.path.append(notebook.folder)
        sys.modules["__main__"] = notebook.module
        notebook.prepare()
        return notebook, notebook.module

    def script(self, script: str, args: Sequence[str]) -> tuple[Any, types.ModuleType]:
        path = os.path.abspath(script)
        try:
            source = read_source(Path(path), script).text
        except SourceError as exc:
            raise RunError(f"can't open file {path!r}: {exc}", 2) from None
        folder = os.path.dirname(os.path.realpath(path))
        sys.argv = [script, *args]
        if sys.path:
            sys.path[0] = folder
        else:
            sys.path.append(folder)
        module = _main_module(path)
        sys.modules["__main__"] = module
        return self._compile(source, path, module), module

    def module(self, name: str, args: Sequence[str]) -> tuple[Any, types.ModuleType]:
        cwd = os.getcwd()
        if sys.path:
            sys.path[0] = cwd
        else:
            sys.path.append(cwd)
        try:
            _, spec, code = runpy._get_module_details(name)  # type: ignore[attr-defined]
        except ImportError as exc:
            raise RunError(str(exc), 1) from None
        origin = spec.origin or ""
        sys.argv = [origin or name, *args]
        module = _main_module(origin, spec)
        sys.modules["__main__"] = module
        loader = spec.loader
        if isinstance(loader, InstrumentingLoader) and getattr(loader, "_made", None) is not None:
            # The import hook found the module and already rewrote it for `runpy`.
            self.recorder.prepare(loader._made, module.__dict__)
            code = loader._made.code
        elif origin.endswith(".py") and os.path.isfile(origin):
            try:
                source = read_source(Path(origin), origin).text
                code = self._compile(source, origin, module)
            except SourceError:
                pass
        return code, module


def is_notebook(target: str) -> bool:
    return target.lower().endswith(".ipynb")


def run(
    target: str,
    args: Sequence[str] = (),
    *,
    as_module: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    isolate: bool = False,
    stderr: Any = None,
) -> RunResult:
    """Run the program under the checker; raises RunError if it cannot start."""
    recorder = Recorder()
    result = RunResult(recorder)
    stderr = stderr if stderr is not None else sys.stderr
    saved = (list(sys.argv), list(sys.path), dict(sys.modules), sys.excepthook, threading.excepthook, os.getcwd())
    program = _Program(recorder)
    cleaner = TracebackCleaner(recorder)
    # The hook goes in first: `-m pkg.mod` imports `pkg` before `pkg.mod` runs.
    root = os.getcwd() if as_module else os.path.dirname(os.path.realpath(os.path.abspath(target)))
    finder = InstrumentingFinder(Policy(Path(os.path.realpath(root)), tuple(include), tuple(exclude)), recorder)
    try:
        install(finder)
        try:
            if as_module:
                code, module = program.module(target, args)
            elif is_notebook(target):
                code, module = program.notebook(target, args)
            else:
                code, module = program.script(target, args)
        except (SyntaxError, RecursionError, MemoryError) as exc:  # Python cannot compile it: as `python` reports it
            print_exception(exc, cleaner, stderr)
            result.exception, result.status = exc, 1
            return result
        install_thread_hook(cleaner)
        try:
            if callable(code):  # a notebook runs its cells itself
                code()
            else:
                exec(code, module.__dict__)  # noqa: S102 - running the user's program is the point
        except SystemExit as exc:
            result.status = exit_status(exc, stderr)
        except KeyboardInterrupt as exc:
            print_exception(exc, cleaner, stderr)
            result.exception, result.interrupted, result.status = exc, True, 130
        except BaseException as exc:
            print_exception(exc, cleaner, stderr)
            result.exception, result.status = exc, 1
            result.located = locate(exc, recorder)
            if result.located is not None:
                recorder.record_failure(result.located.gid, result.located.operands, exc)
        if os.getpid() == result.pid:
            _join_threads()
        return result
    finally:
        if isolate:
            uninstall(finder)
            argv, path, modules, excepthook, thread_hook, cwd = saved
            os.chdir(cwd)
            sys.argv[:] = argv
            sys.path[:] = path
            # Only the program's instrumented modules go: they call this run's recorder. Whatever
            # else was imported (numpy's submodules, libcst's native parser) stays, as it can
            # not always be imported twice.
            for name in [n for n, m in sys.modules.items() if isinstance(getattr(m, "__loader__", None), InstrumentingLoader)]:
                del sys.modules[name]
            sys.modules.update(modules)
            sys.excepthook = excepthook
            threading.excepthook = thread_hook


__all__ = ["RunError", "RunResult", "compile_instrumented", "exit_status", "is_notebook", "run"]
