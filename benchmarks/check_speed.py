"""How long `shapelint check` takes against libcst's own parse time, on a large real corpus.

Runs `shapelint check --jobs 1 --no-cache` over the installed scikit-learn's
sources (tests folders left out) and, in the same run, `libcst.parse_module`
alone on the same files, and prints the ratio. Target: at most 2.0.

    python benchmarks/check_speed.py [FOLDER]
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import libcst


def corpus(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "tests" not in p.relative_to(root).parts)


def main() -> None:
    if len(sys.argv) > 1:
        root = Path(sys.argv[1])
    else:
        spec = importlib.util.find_spec("sklearn")
        if spec is None or spec.origin is None:
            sys.exit("scikit-learn is not installed: pip install scikit-learn, or pass a folder")
        root = Path(spec.origin).parent
    files = corpus(root)
    texts = [p.read_text(encoding="utf-8") for p in files]

    start = time.perf_counter()
    for text in texts:
        libcst.parse_module(text)
    parse = time.perf_counter() - start

    command = [sys.executable, "-m", "shapelint", "check", "--jobs", "1", "--no-cache", "--exit-zero", "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command + [str(p) for p in files], capture_output=True, text=True)
    check = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"shapelint failed ({done.returncode}):\n{done.stderr[-2000:]}")
    findings = len([line for line in done.stdout.splitlines() if ": SL" in line])

    print(f"{len(files)} files under {root}")
    print(f"libcst.parse_module: {parse:.1f} s")
    print(f"shapelint check:     {check:.1f} s ({findings} findings)")
    print(f"ratio:               {check / parse:.2f} (target <= 2.0)")


if __name__ == "__main__":
    main()
