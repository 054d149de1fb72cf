"""Score shapelint against the held-out labelled corpora in benchmarks/heldout/.

The corpora were written from the rule descriptions alone, by someone who never
read the analyzer, so they measure how well the rules generalise to code the
developers did not tune for.

Labels are trailing comments on the row where a finding is due:

    x = np.zeros(3)  # label: SL001            reported in both rank-1 modes
    y = np.zeros(4)  # label-all: SL001        reported only with --rank-1 all
    z = a / a.sum(axis=1)  # label: SL002, SL007

For each corpus and each mode this runs

    python -m shapelint check --format json --no-cache --exit-zero [--rank-1 all] DIR

compares the (file, row, code) sets with the labels, and prints TP/FP/FN,
precision and recall per rule and overall, then every false positive and false
negative with file:row and the source line.

`--verify-runtime` also runs every idioms file with real numpy and checks that
the file raises exactly where its error label (SL005, SL006, SL008, SL009) or
its `# raises: ErrorName` comment says, and runs cleanly otherwise.

Usage: python benchmarks/heldout_score.py [--corpus idioms,declared]
       [--verify-runtime] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "heldout"
CORPORA = ("idioms", "declared")
MODES = ("hazards", "all")
LABEL = re.compile(r"label(-all)?:\s*(SL\d{3}(?:\s*,\s*SL\d{3})*)")
RAISES = re.compile(r"#\s*raises:\s*(\w+)")
# The codes numpy itself raises for, and the exception it raises.
RUNTIME_ERRORS = {"SL005": "ValueError", "SL006": "ValueError", "SL008": "ValueError", "SL009": "IndexError"}

Key = tuple[str, int, str]


def read_labels(corpus: Path) -> dict[str, set[Key]]:
    """The expected (file, row, code) set of each mode."""
    expected: dict[str, set[Key]] = {mode: set() for mode in MODES}
    for path in sorted(corpus.rglob("*.py")):
        rel = path.relative_to(corpus).as_posix()
        for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "#" not in line:
                continue
            comment = line[line.index("#") :]
            for all_only, codes in LABEL.findall(comment):
                for code in re.findall(r"SL\d{3}", codes):
                    expected["all"].add((rel, row, code))
                    if not all_only:
                        expected["hazards"].add((rel, row, code))
    return expected


def rank1_option_supported() -> bool:
    help_text = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--help"],
        capture_output=True,
        text=True,
    ).stdout
    return "--rank-1" in help_text


def run_shapelint(corpus: Path, mode: str | None) -> set[Key]:
    cmd = [sys.executable, "-m", "shapelint", "check", "--format", "json", "--no-cache", "--exit-zero"]
    if mode is not None:
        cmd += ["--rank-1", mode]
    cmd.append(str(corpus))
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"shapelint exited {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.strip()}")
    found: set[Key] = set()
    for finding in json.loads(proc.stdout or "[]"):
        path = Path(finding["filename"]).resolve()
        try:
            rel = path.relative_to(corpus.resolve()).as_posix()
        except ValueError:
            rel = finding["filename"]
        found.add((rel, finding["location"]["row"], finding["code"]))
    return found


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def score(corpus: Path, title: str, expected: set[Key], found: set[Key]) -> dict:
    tp, fp, fn = found & expected, found - expected, expected - found
    codes = sorted({key[2] for key in expected | found})
    per_rule = {}
    print(f"\n== {title}")
    print(f"{'rule':7} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6}")
    for code in codes + ["all"]:
        count = Counter(
            kind for kind, keys in (("tp", tp), ("fp", fp), ("fn", fn)) for key in keys if code in ("all", key[2])
        )
        per_rule[code] = dict(count)
        print(
            f"{code:7} {count['tp']:>4} {count['fp']:>4} {count['fn']:>4}"
            f" {ratio(count['tp'], count['tp'] + count['fp']):>6} {ratio(count['tp'], count['tp'] + count['fn']):>6}"
        )
    for kind, keys in (("false positive", fp), ("false negative", fn)):
        for rel, row, code in sorted(keys):
            lines = (corpus / rel).read_text(encoding="utf-8").splitlines()
            source = lines[row - 1].strip() if 0 < row <= len(lines) else ""
            print(f"  {kind}: {code} {corpus.name}/{rel}:{row}: {source}")
    return {"tp": len(tp), "fp": len(fp), "fn": len(fn), "per_rule": per_rule}


def verify_runtime(corpus: Path) -> int:
    """Run each file with real numpy; return the number of files whose behaviour contradicts its labels."""
    bad = 0
    for path in sorted(corpus.glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        want = None
        for row, line in enumerate(lines, 1):
            comment = line[line.index("#") :] if "#" in line else ""
            for _, codes in LABEL.findall(comment):
                for code in re.findall(r"SL\d{3}", codes):
                    if code in RUNTIME_ERRORS:
                        want = (row, RUNTIME_ERRORS[code])
            if match := RAISES.search(comment):
                want = (row, match.group(1))
        got = run_file(path)
        if got != want:
            bad += 1
            print(f"  runtime mismatch {path.name}: labels say {want}, numpy gives {got}")
    return bad


def run_file(path: Path) -> tuple[int, str] | None:
    """(row, exception name) of the first exception the file raises, in the file's own frames."""
    code = (
        "import runpy, sys, traceback\n"
        "try:\n"
        f"    runpy.run_path({str(path)!r}, run_name='__main__')\n"
        "except Exception as exc:\n"
        f"    rows = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == {str(path)!r}]\n"
        "    print(rows[-1], type(exc).__name__)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=path.parent)
    last = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
    if last and re.fullmatch(r"\d+ \w+", last[0]):
        row, name = last[0].split()
        return int(row), name
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=",".join(CORPORA), help="comma separated: idioms,declared")
    parser.add_argument("--verify-runtime", action="store_true", help="also run the idioms files with numpy")
    parser.add_argument("--json", metavar="FILE", help="write the scores as JSON to FILE")
    args = parser.parse_args()

    supported = rank1_option_supported()
    if not supported:
        print(
            "The installed shapelint has no --rank-1 option: its default output is scored against the"
            " labels of each mode; the modes themselves cannot be told apart."
        )
    results: dict = {}
    for name in args.corpus.split(","):
        corpus = HELDOUT / name
        expected = read_labels(corpus)
        if supported:
            for mode in MODES:
                found = run_shapelint(corpus, mode)
                results[f"{name}/{mode}"] = score(corpus, f"{name}, --rank-1 {mode}", expected[mode], found)
            continue
        # One run, compared with both label sets: a shapelint older than the
        # option reports every rank-1 origin, which is what `all` labels.
        found = run_shapelint(corpus, None)
        for mode in MODES:
            title = f"{name}, default output against the {mode}-mode labels"
            results[f"{name}/default-vs-{mode}"] = score(corpus, title, expected[mode], found)
    if args.verify_runtime:
        print("\n== runtime check of the idioms labels with real numpy")
        bad = verify_runtime(HELDOUT / "idioms")
        print(f"  {bad} file(s) contradict their labels" if bad else "  every file behaves as labelled")
        results["runtime_mismatches"] = bad
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
