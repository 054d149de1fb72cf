"""One huge module with thousands of findings: `shapelint check` against libcst's parse of it.

The module is generated: blocks of four lines, each a rank-1 array, its
no-op `.T`, a column and a product (two findings per block by default,
with `--rank-1 all` as a course would run it):

    a7 = np.zeros(3)
    b7 = a7.T
    c7 = np.ones((3, 1))
    d7 = c7 * 2

Both commands run as subprocesses of this script, one after the other, so
the ratio compares them on the same machine at the same time; peak memory
is each process's maximum resident size.

    python benchmarks/big_module.py                 # 100,001 lines
    python benchmarks/big_module.py --lines 10000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def module_text(lines: int) -> str:
    blocks = max(1, (lines - 1) // 4)
    body = []
    for i in range(blocks):
        body += [f"a{i} = np.zeros(3)", f"b{i} = a{i}.T", f"c{i} = np.ones((3, 1))", f"d{i} = c{i} * 2"]
    return "import numpy as np\n" + "\n".join(body) + "\n"


# Runs a command and prints its peak memory last: a fresh process per command, because
# RUSAGE_CHILDREN keeps the largest child so far.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(f'PEAK {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def timed(command: list[str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """Seconds, peak resident memory (MB) and the result of one subprocess."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = next((int(line[5:]) for line in reversed(result.stderr.splitlines()) if line.startswith("PEAK ")), 0)
    return seconds, peak // 1024, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_001)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.py"
        path.write_text(module_text(args.lines))
        lines = path.read_text().count("\n")
        parse = [sys.executable, "-c", f"import libcst, sys; sys.setrecursionlimit(10000); libcst.parse_module(open({str(path)!r}).read())"]
        check = [sys.executable, "-m", "shapelint", "check", "--no-cache", "--quiet", "--rank-1", "all", str(path)]
        parse_s, parse_mb, _ = timed(parse)
        check_s, check_mb, result = timed(check)
    findings = sum(1 for line in result.stdout.splitlines() if ": SL0" in line)
    print(f"{lines:,} lines, {findings:,} findings (exit {result.returncode})")
    print(f"  libcst parse: {parse_s:6.1f} s, peak {parse_mb:,} MB")
    print(f"  shapelint:    {check_s:6.1f} s, peak {check_mb:,} MB, {check_s / parse_s:.1f}x the parse")
    if result.returncode not in (0, 1):
        print(result.stderr[-2000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
