"""The runtime checker: run a program with real numpy and report the same rules on the shapes it saw.

`shapelint run` is this package behind a click command:

- `instrument`: the libcst rewrite that makes every interesting expression report its operands;
- `recorder`: what the wrappers saw, as the engine's `Analysis`, and the rules' findings on it;
- `fixes`: concrete fixes (`a.reshape(5, 1)`) in the runtime findings' messages;
- `explain`: numpy's own shape errors, with every operand's shape;
- `tracebacks`: the program's tracebacks as Python prints them;
- `importer`: the import hook for the modules of the script's own folder;
- `runner`: running like `python SCRIPT ARGS` / `python -m MODULE`;
- `report`: the findings filtered as `check` filters them (config, select/ignore, noqa);
- `compare`: the static findings and shapes against the run (`--compare`);
- `cli`: the command.

As a Python API:

    from shapelint.runtime import collect, run
    result = run("train.py", ["--epochs", "3"], isolate=True)
    for finding in collect(result).findings:
        print(finding.filename, finding.start.row, finding.code, finding.message)
"""

from .report import Outcome, collect
from .runner import RunError, RunResult, run

__all__ = ["Outcome", "RunError", "RunResult", "collect", "run"]
