"""shapelint on real code at scale: the standard library and the installed numpy, scipy,
scikit-learn and scikit-image sources.

For each corpus it prints the files, lines, seconds, findings per rule,
files refused with a message (and why), internal errors (the target is
zero) and the peak memory of the worker processes, with the file that set
it. Every file goes through the same pipeline as `shapelint check` (read,
Python's parser first, lint, `# noqa`), two worker processes at a time,
each replaced after 20 files so that a peak is that of one of a few files.

    python benchmarks/real_code.py                  # every corpus found
    python benchmarks/real_code.py stdlib numpy     # some of them
    python benchmarks/real_code.py --path DIR ...   # any folders

`tests` folders are left out (they add size, not kinds of code), as is
the standard library's `site-packages`. A corpus that is not installed is
skipped with a note. Exits 1 if any file gave an internal error.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import sysconfig
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from shapelint.checking import _Job, check_file
from shapelint.rules import BY_CODE

SKIPPED = {"tests", "test", "site-packages", "dist-packages", "__pycache__", "idlelib", "lib2to3", "turtledemo"}
CORPORA = ("stdlib", "numpy", "scipy", "sklearn", "skimage")
BATCH = 20


def _root(name: str) -> Path | None:
    if name == "stdlib":
        return Path(sysconfig.get_paths()["stdlib"])
    spec = importlib.util.find_spec(name)
    if spec is not None and spec.origin is not None:
        return Path(spec.origin).parent
    # The base interpreter's packages (outside a virtual environment), then the project's read-only copies.
    base = Path(sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})["purelib"]) / name
    if base.is_dir():
        return base
    for candidate in Path("/work/corpora").glob(f"*/{name}"):
        return candidate
    return None


def files_of(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not SKIPPED.intersection(p.relative_to(root).parts))


def _check(path: Path) -> tuple[str, int, float, int, list[str], str | None]:
    """(path, lines, seconds, peak RSS in MB after the file, codes found, error)."""
    start = time.perf_counter()
    report = check_file(_Job(str(path), path, frozenset(BY_CODE)))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    try:
        lines = path.read_bytes().count(b"\n")
    except OSError:
        lines = 0
    return str(path), lines, seconds, peak, [f.code for f in report.findings], report.error


def _check_batch(paths: list[Path]) -> list[tuple[str, int, float, int, list[str], str | None]]:
    # A fresh process per batch (max_tasks_per_child hangs on Python 3.11), so a peak is a few files' at most.
    with ProcessPoolExecutor(max_workers=1) as pool:
        return list(pool.map(_check, paths))


def measure(name: str, root: Path, workers: int) -> bool:
    files = files_of(root)
    start = time.perf_counter()
    batches = [files[i : i + BATCH] for i in range(0, len(files), BATCH)]
    with ThreadPoolExecutor(max_workers=workers) as threads:
        results = [r for batch in threads.map(_check_batch, batches) for r in batch]
    elapsed = time.perf_counter() - start
    codes: Counter[str] = Counter()
    refused, internal = [], []
    for path, _, _, _, found, error in results:
        codes.update(found)
        if error and "internal error" in error:
            internal.append(error)
        elif error:
            refused.append(error)
    lines = sum(r[1] for r in results)
    cpu = sum(r[2] for r in results)
    slowest = max(results, key=lambda r: r[2])
    heaviest = max(results, key=lambda r: r[3])
    print(f"== {name}: {root}")
    print(f"files {len(files)}, lines {lines:,}, {elapsed:.0f} s elapsed ({workers} workers), {cpu:.0f} s of analysis")
    print(f"findings: {sum(codes.values())} " + " ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    print(f"internal errors: {len(internal)}")
    for message in internal[:10]:
        print("   ", message.splitlines()[0])
    print(f"refused with a message: {len(refused)}")
    for message in refused[:10]:
        print("   ", message)
    print(f"slowest file: {slowest[2]:.1f} s {slowest[0]}")
    print(f"peak memory: {heaviest[3]} MB, reached on {heaviest[0]}")
    print()
    return not internal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help=f"some of {', '.join(CORPORA)} (default: all)")
    parser.add_argument("--path", nargs="*", default=[], help="other folders to lint")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    unknown = set(options.corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpus {', '.join(sorted(unknown))}; choose from {', '.join(CORPORA)}")
    ok = True
    for name in options.corpora or ([] if options.path else CORPORA):
        root = _root(name)
        if root is None:
            print(f"== {name}: not installed, skipped\n")
            continue
        ok &= measure(name, root, options.workers)
    for folder in options.path:
        ok &= measure(folder, Path(folder), options.workers)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
