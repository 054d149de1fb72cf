"""How fast `shapelint check` is next to the linters people run, on the same real files, in one run.

    pip install -e '.[bench]'            # ruff, flake8, pylint, Fixit, Pyrefly (and scikit-learn)
    python benchmarks/compare_linters.py [FOLDER] [--quick] [--output benchmarks/RESULTS.md]

FOLDER defaults to the installed scikit-learn; `tests` folders are left out.
Every tool is a separate process, timed as a whole (wall clock; CPU time and
the peak resident memory of its largest process from the operating system's
accounting of the finished child). Tools take turns, so that a change in
the machine's load falls on all of them. It prints Markdown:

1. Start-up: each tool on one small file without numpy and one with it
   (median of several runs), and shapelint's ratio to flake8's.
2. The corpus: shapelint cold in one process (`--jobs 1 --no-cache`), cold
   on every processor (`--no-cache`), warm (unchanged files, the cache
   filled by an earlier run); ruff, flake8, pylint, Fixit and Pyrefly as
   their users run them (their default rules and parallelism; no
   configuration is read). Seconds, lines per second, peak memory, and each
   one's time against shapelint's cold run on every processor. pylint and
   Fixit take minutes on the whole corpus: they run on one file in 16 (in
   64 with `--quick`) and their rows say so; their lines per second are
   comparable, their seconds are scaled to the whole corpus by lines.
3. The floor: libcst's own parse of the same files, in one process, against
   shapelint's single-process time, and both by file size.
4. Skipping: the standard library (no numpy in it) with and without
   `--no-skip`, and whether the findings are the same.

A tool that is not installed is reported missing. Pyrefly tracks numpy
shapes with `pyrefly-numpy-stubs` (Python >= 3.12); on an older Python,
`pip install --target DIR --no-deps --ignore-requires-python
pyrefly-numpy-stubs pyrefly-shape-extensions` and pass `--pyrefly-stubs DIR`.
The machine's load is printed: on a shared machine, parallel speed-ups and
absolute times vary from run to run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

PLAIN = "import os\n\n\ndef parent(path):\n    return os.path.dirname(path)\n"
NUMPY = "import numpy as np\n\n\ndef center(X):\n    return X - X.mean(axis=0)\n"
SIZES = [(0, 100), (101, 300), (301, 1000), (1001, 3000), (3001, 10**9)]
# Tools whose whole-corpus run takes minutes run on every Nth file (`--quick`: every 4N-th).
SAMPLED = {"pylint": 16, "Fixit": 16}
# A tool whose run took longer than this many seconds is not repeated.
REPEAT_BELOW = 30.0


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    code: int
    timed_out: bool = False


@dataclass
class Result:
    name: str
    note: str = ""
    runs: list[Run] = field(default_factory=list)
    missing: str = ""
    failed: str = ""
    lines: int = 0
    files: int = 0
    scale: float = 1.0  # the corpus's lines over the lines this tool ran on

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)


def corpus(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "tests" not in p.relative_to(root).parts)


def count_lines(files: list[Path]) -> int:
    return sum(p.read_bytes().count(b"\n") for p in files)


def default_folder() -> Path:
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        sys.exit("scikit-learn is not installed: pip install scikit-learn, or pass a folder")
    return Path(spec.origin).parent


def executable(name: str) -> str | None:
    """The tool's command in this Python's environment, else on PATH."""
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def timed(command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> tuple[Run, str]:
    """Run `command` once: wall seconds, CPU seconds and peak memory of it and its waited-for children."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        tail = out.read()[-2000:].decode("utf-8", errors="replace")
    timed_out = process.returncode < 0 and wall >= timeout
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, timed_out), tail


def measure(results: list[tuple[Result, list[str]]], cwd: Path, runs: int, timeout: float,
            env: dict[str, str] | None = None) -> None:
    """Each command `runs` times, taking turns; a slow or failing one is not repeated."""
    for round_ in range(runs):
        for result, command in results:
            if result.missing or result.failed or (round_ and result.median("wall") > REPEAT_BELOW):
                continue
            run, tail = timed(command, cwd, timeout, env)
            if run.timed_out:
                result.failed = f"stopped after {timeout:.0f} s"
            elif run.code not in (0, 1):
                result.failed = f"exit {run.code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"[:200]
            else:
                result.runs.append(run)


def shapelint(*args: str) -> list[str]:
    return [sys.executable, "-m", "shapelint", "check", "--exit-zero", *args]


def tool_commands(pyrefly_stubs: str | None) -> dict[str, tuple[str | None, list[str] | None, str]]:
    """name -> (executable, arguments before the files or None if missing, note)."""
    found: dict[str, tuple[str | None, list[str], str]] = {}
    found["ruff"] = (executable("ruff"), ["check", "--isolated", "--no-cache", "--exit-zero"], "default rules; threads")
    found["flake8"] = (executable("flake8"), ["--isolated", "--exit-zero"], "default plugins; processes")
    found["pylint"] = (executable("pylint"), ["--exit-zero", "--score=n"], "default checks; one process")
    found["Fixit"] = (executable("fixit"), ["lint"], "built-in rules (libcst, like shapelint)")
    stubs = importlib.util.find_spec("shape_extensions") is not None or pyrefly_stubs
    pyrefly_args = ["check"] + (["--search-path", pyrefly_stubs] if pyrefly_stubs else [])
    note = "numpy shape stubs" if stubs else "no numpy shape stubs (pyrefly-numpy-stubs not installed)"
    found["Pyrefly"] = (executable("pyrefly"), pyrefly_args, f"type checker; {note}")
    return {name: (exe, args if exe else None, note) for name, (exe, args, note) in found.items()}


def startup(tools: dict, cwd: Path, runs: int) -> list[tuple[str, float | None, float | None]]:
    """name -> median wall seconds on the plain file and on the numpy file."""
    (cwd / "plain.py").write_text(PLAIN)
    (cwd / "arrays.py").write_text(NUMPY)
    rows = []
    commands = [("shapelint", shapelint("--no-cache"))] + [
        (name, [exe, *args]) for name, (exe, args, _) in tools.items() if args is not None
    ]
    for name, command in commands:
        times: dict[str, list[float]] = {"plain.py": [], "arrays.py": []}
        for _ in range(runs):
            for file in times:
                run, _ = timed(command + [file], cwd, 60)
                if run.code in (0, 1):
                    times[file].append(run.wall)
        rows.append((name, *(statistics.median(t) if t else None for t in times.values())))
    return rows


BURN = "import sys\nn = int(sys.argv[1])\nwhile n:\n    n -= 1\n"


def free_parallelism(cwd: Path, workers: int) -> float:
    """How much faster `workers` processes finish a pure CPU loop than one doing their work, right now.

    On an idle machine this is about `workers`; where other programs keep the
    processors busy (and the kernel shares time between sessions, not
    processes) it may be 1 or less: the best any parallel program could do.
    """
    loop = [sys.executable, "-c", BURN, "20000000"]
    start = time.perf_counter()
    for _ in range(workers):
        subprocess.run(loop, cwd=cwd, check=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    for process in [subprocess.Popen(loop, cwd=cwd) for _ in range(workers)]:
        process.wait()
    return alone / (time.perf_counter() - start)


def per_file(files: list[Path]) -> list[tuple[int, float, float]]:
    """(lines, libcst parse seconds, shapelint check seconds) of each file, in this process."""
    import libcst

    from shapelint.checking import CheckOptions, check_paths

    rows = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        libcst.parse_module(text)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        check_paths([str(path)], CheckOptions(jobs=1, cache=False))
        rows.append((text.count("\n"), parse, time.perf_counter() - start))
    return rows


def findings_of(output: str) -> set[tuple]:
    """Findings as (file, row, code): SL000's message differs between Python's parser and libcst's."""
    return {(f["filename"], f["location"]["row"], f["code"]) for f in json.loads(output or "[]")}


def stdlib_files(stride: int) -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    skip = {"site-packages", "test", "tests", "idle_test"}
    return [p for p in sorted(root.rglob("*.py")) if not skip & set(p.relative_to(root).parts)][::stride]


def skipping(files: list[Path], cwd: Path) -> tuple[Result, Result, bool]:
    results = []
    outputs = []
    for name, extra in (("skipping", []), ("--no-skip", ["--no-skip"])):
        result = Result(f"shapelint, {name}", lines=count_lines(files), files=len(files))
        with tempfile.TemporaryFile() as out:
            command = shapelint("--no-cache", "--format", "json", *extra, *map(str, files))
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            run = Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                      os.waitstatus_to_exitcode(status))
            out.seek(0)
            outputs.append(out.read().decode())
        result.runs.append(run)
        results.append(result)
    return results[0], results[1], findings_of(outputs[0]) == findings_of(outputs[1])


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    versions = []
    for name in ("ruff", "flake8", "pylint", "fixit", "pyrefly", "libcst", "shapelint"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001 - not installed
            pass
    return [
        f"- Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} processors (`nproc`: {len(os.sched_getaffinity(0))}), {model}",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- Load average at the start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- Versions: {', '.join(versions)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="the code to lint (default: the installed sklearn)")
    parser.add_argument("--quick", action="store_true", help="every 4th file, one run each: about a minute")
    parser.add_argument("--runs", type=int, default=3, help="runs of each fast command (median reported)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a tool's run is stopped")
    parser.add_argument("--pyrefly-stubs", metavar="DIR", help="a folder holding pyrefly-numpy-stubs")
    parser.add_argument("--output", type=Path, help="also write the report to this Markdown file")
    options = parser.parse_args()

    stride = 4 if options.quick else 1
    runs = 1 if options.quick else options.runs
    root = (options.folder or default_folder()).resolve()
    files = corpus(root)[::stride]
    lines = count_lines(files)
    names = [str(p) for p in files]
    report = ["# shapelint next to other linters", "", f"`python benchmarks/compare_linters.py {' '.join(sys.argv[1:])}`",
              "", *machine(), ""]
    load, cores = os.getloadavg()[0], len(os.sched_getaffinity(0))
    if load > cores / 2:
        report += [f"The machine was busy (load average {load:.1f} on {cores} processors): every time here is "
                   "longer than on an idle machine, by an amount that changed during the run, and while other programs "
                   "keep every processor busy a second worker gains little (Linux shares processor time between "
                   "sessions, not processes). Compare the ratios of tools that ran side by side, and read the "
                   "parallel speed-up from the CPU time and the plain CPU loop.", ""]

    def say(*rows: str) -> None:
        print(*rows, sep="\n", flush=True)
        report.extend(rows)

    say(f"Corpus: {len(files)} files, {lines:,} lines under `{root}` (tests left out"
        f"{', every 4th file: --quick' if options.quick else ''}).", "")
    tools = tool_commands(options.pyrefly_stubs)
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)

        # 1. Start-up.
        rows = startup(tools, cwd, 3 if options.quick else 5)
        flake8 = {name: (plain, arrays) for name, plain, arrays in rows}.get("flake8")
        say("## Start-up: one small file", "", "| tool | no numpy (s) | with numpy (s) |", "| --- | ---: | ---: |")
        say(*(f"| {name} | {fmt(plain)} | {fmt(arrays)} |" for name, plain, arrays in rows))
        if flake8 and flake8[0] and flake8[1] and rows[0][1] and rows[0][2]:
            say("", f"shapelint / flake8: **{rows[0][1] / flake8[0]:.2f}x** on the file without numpy, "
                f"**{rows[0][2] / flake8[1]:.2f}x** on the file with numpy (importing libcst alone is most of it).")
        say("")

        # 2. The corpus.
        single = Result("shapelint, cold, --jobs 1", "one process, no cache")
        every = Result(f"shapelint, cold, {cores} jobs", "the default: every processor, no cache")
        warm = Result("shapelint, warm", "unchanged files, cache filled by an earlier run")
        plan: list[tuple[Result, list[str]]] = [
            (single, shapelint("--no-cache", "--jobs", "1", *names)),
            (every, shapelint("--no-cache", *names)),
        ]
        for name, (exe, args, note) in tools.items():
            result = Result(name, note)
            if exe is None or args is None:
                result.missing = "not installed"
                plan.append((result, []))
                continue
            subset = files
            if name in SAMPLED:
                every_nth = SAMPLED[name] * (4 if options.quick else 1)
                subset = files[::every_nth]
                result.note += f"; one file in {every_nth}"
            result.files, result.lines = len(subset), count_lines(subset)
            result.scale = lines / result.lines if result.lines else 1.0
            plan.append((result, [exe, *args, *map(str, subset)]))
        for result, _ in plan:
            result.files = result.files or len(files)
            result.lines = result.lines or lines
        measure(plan, cwd, runs, options.timeout)
        timed(shapelint(*names), cwd, options.timeout)  # fills the cache
        measure([(warm, shapelint(*names))], cwd, runs, options.timeout)
        warm.files, warm.lines = len(files), lines

        baseline = every.median("wall") if every.runs else None
        say("## The corpus", "", "| tool | seconds | lines/s | CPU s | peak MiB | time / shapelint | notes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for result in [single, every, warm] + [r for r, _ in plan[2:]]:
            if result.missing or result.failed or not result.runs:
                say(f"| {result.name} | – | – | – | – | – | {result.missing or result.failed} |")
                continue
            wall = result.median("wall")
            seconds = fmt(wall * result.scale, 1) + (" (est.)" if result.scale != 1 else "")
            ratio = fmt(wall * result.scale / baseline) + "x" if baseline else "–"
            say(f"| {result.name} | {seconds} | {fmt(result.lines / wall, 0)} | {fmt(result.median('cpu'), 1)} | "
                f"{fmt(result.median('peak_mib'), 0)} | {ratio} | {result.note} |")
        if single.runs and every.runs:
            free = free_parallelism(cwd, cores)
            extra = every.median("cpu") / single.median("cpu")
            say("", f"Every processor against one: **{single.median('wall') / every.median('wall'):.2f}x** faster "
                f"({cores} processors); warm against cold: {100 * warm.median('wall') / every.median('wall'):.1f}%. "
                f"The {cores} workers use {100 * (extra - 1):.0f}% more CPU time in all than one process: on "
                f"{cores} idle processors the speed-up could reach about {cores / extra:.2f}x. For comparison, "
                f"{cores} processes running a plain CPU loop finished {free:.2f}x faster than one process doing "
                "their work in turn, just after.")
        say("", "Peak memory is that of the largest process; shapelint's workers each hold about as much.",
            "ruff and flake8 check style and simple errors, pylint more, Pyrefly types: none of them has shape rules "
            "except Pyrefly with its numpy shape stubs.", "")

        # 3. The floor, by file size.
        timings = per_file(files)
        parse = sum(t[1] for t in timings)
        check = sum(t[2] for t in timings)
        say("## The floor: libcst's parse alone", "",
            f"In one process: libcst.parse_module {parse:.1f} s, shapelint check {check:.1f} s on the same files: "
            f"**{check / parse:.2f}x** the parse.", "",
            "| file size (lines) | files | lines | parse (s) | shapelint (s) | shapelint / parse | lines/s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for low, high in SIZES:
            bucket = [t for t in timings if low <= t[0] <= high]
            if bucket:
                n, p, c = sum(t[0] for t in bucket), sum(t[1] for t in bucket), sum(t[2] for t in bucket)
                label = f"{low}–{high}" if high < 10**9 else f"> {low - 1}"
                say(f"| {label} | {len(bucket)} | {n:,} | {p:.2f} | {c:.2f} | {c / p:.2f}x | {n / c:,.0f} |")
        say("")

        # 4. Skipping files that cannot reach numpy.
        std = stdlib_files(stride)
        skipped, analyzed, same = skipping(std, cwd)
        speedup = analyzed.median("wall") / skipped.median("wall")
        say("## Skipping what cannot matter: the standard library", "",
            f"{len(std)} files, {skipped.lines:,} lines (tests left out): {skipped.median('wall'):.1f} s, against "
            f"{analyzed.median('wall'):.1f} s with `--no-skip`: **{speedup:.1f}x** faster; "
            f"findings {'identical' if same else 'DIFFERENT'}.", "")
        say(f"- Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if options.output:
        options.output.write_text("\n".join(report) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
