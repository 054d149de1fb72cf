"""How much of real library code shapelint knows a shape for, and what it reports there.

For each source tree (tests left out) it prints the share of `shapes`
entries (assignments to plain names) with a known rank, the findings per
rule, and the files the analyzer failed on (internal errors). Defaults: the
installed scikit-learn, numpy-ml and scikit-image packages; give paths to
measure other trees (or another checkout of shapelint, by running this file
with that checkout first on `sys.path`).

    python benchmarks/known_shapes.py
    python benchmarks/known_shapes.py /work/corpora/numpy-ml/numpy_ml /work/corpora/scikit-image/skimage
    python benchmarks/known_shapes.py --errors PATH      # list the error-severity findings

Nothing here imports the measured code: packages are located with
`importlib.util.find_spec`, which reads no module of theirs but the package's
`__init__` location.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from shapelint.checking import CheckOptions, check_paths
from shapelint.shapes_cli import shapes_for_path
from shapelint.sourcefile import SourceError, read_source

DEFAULT_PACKAGES = ("sklearn", "numpy_ml", "skimage")


def _package_folder(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "tests" not in p.relative_to(root).parts)


def measure(root: Path, show_errors: bool) -> dict:
    files = python_files(root)
    total = known = 0
    failures: list[str] = []
    started = time.perf_counter()
    for path in files:
        try:
            text = read_source(path, str(path)).text
        except SourceError:
            continue
        try:
            rows = shapes_for_path(str(path), text)
        except Exception:
            failures.append(f"{path}: {traceback.format_exc().splitlines()[-1]}")
            continue
        total += len(rows)
        known += sum(1 for row in rows if row.shape is not None)
    result = check_paths([str(p) for p in files], CheckOptions(cache=False, jobs=1))
    codes = Counter(f.code for f in result.findings)
    errors = [f for f in result.findings if f.severity == "error"]
    failures += [m for m in result.messages if "internal error" in m.lower()]
    seconds = time.perf_counter() - started
    print(f"{root}: {len(files)} files, {seconds:.0f} s")
    share = 100 * known / total if total else 0.0
    print(f"  known rank: {known} of {total} assignments ({share:.1f}%)")
    print("  findings: " + (", ".join(f"{code} {n}" for code, n in sorted(codes.items())) or "none"))
    print(f"  error-severity findings: {len(errors)}; internal errors: {len(failures)}")
    for line in failures:
        print("    " + line)
    if show_errors:
        for f in errors:
            print(f"    {f.filename}:{f.start.row}:{f.start.column}: {f.code} {f.message}")
    return {"known": known, "total": total, "codes": codes, "errors": len(errors), "failures": len(failures)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every error-severity finding")
    args = parser.parse_args(argv)
    roots = args.paths or [p for p in (_package_folder(n) for n in DEFAULT_PACKAGES) if p is not None]
    if not roots:
        print("no paths given and none of scikit-learn, numpy-ml, scikit-image is installed", file=sys.stderr)
        return 2
    totals = Counter()
    for root in roots:
        figures = measure(root, args.errors)
        totals["known"] += figures["known"]
        totals["total"] += figures["total"]
    if len(roots) > 1 and totals["total"]:
        print(f"all: known rank {totals['known']} of {totals['total']} ({100 * totals['known'] / totals['total']:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
