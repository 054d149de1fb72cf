"""Precision and recall of `shapelint check` on the hand-labeled corpus.

The corpus (benchmarks/corpus/NNN_name.py) was written from the rules' documented semantics
and numpy's behaviour, without looking at shapelint's code or output. Every line
on which the contract says a finding is reported carries a trailing comment

    x = np.random.rand(5)  # label: SL001
    C = A + a.T  # label: SL002, SL003

This script runs

    python -m shapelint check --format json --no-cache --exit-zero benchmarks/corpus

compares the set of (file, row, code) findings with the set of labels, and prints
TP / FP / FN, precision and recall per rule and overall, then every false
positive and false negative with its file:row and source line. Several findings
with the same code on the same row count once (labels are per row).

    python benchmarks/labeled_corpus.py

It scores a second corpus the same way: benchmarks/idioms/, idioms of real
code (index arrays, plot grids, labels, BatchNorm parameters, pairwise
distances, softmax, normalisation, row-major layers) that look wrong and
are right, among real bugs, labelled for both SL001 modes.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tokenize
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
RULES = [f"SL{i:03d}" for i in range(11)]
IDIOMS = HERE / "idioms"
# `# label: SL003` is a finding in both SL001 modes; `# label-all: SL001` one
# only with `--rank-1 all` (a rank-1 origin that causes no other finding).
LABEL = re.compile(r"#\s*label(-all)?:\s*(SL\d{3}(?:\s*,\s*SL\d{3})*)\s*$")

Key = tuple[str, int, str]  # (file name, 1-based row, code)


def read_labels(corpus: Path = CORPUS, rank1: str = "all") -> set[Key]:
    """Every `# label: ...` comment in the corpus (and `# label-all:` in `all` mode), as (file, row, code)."""
    labels: set[Key] = set()
    for path in sorted(corpus.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type != tokenize.COMMENT:
                continue
            match = LABEL.search(tok.string)
            if match and not (match.group(1) and rank1 != "all"):
                for code in match.group(2).split(","):
                    labels.add((path.name, tok.start[0], code.strip()))
    return labels


def run_shapelint(corpus: Path = CORPUS, rank1: str = "all") -> list[dict]:
    """Run shapelint on the corpus and return its JSON findings."""
    try:
        target = str(corpus.relative_to(ROOT))
    except ValueError:
        target = str(corpus)
    cmd = [sys.executable, "-m", "shapelint", "check", "--format", "json",
           "--no-cache", "--exit-zero", "--rank-1", rank1, target]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"`{' '.join(cmd[1:])}` exited {proc.returncode}\n{proc.stderr}")
        raise SystemExit(2)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        sys.stderr.write(f"shapelint printed no valid JSON ({exc}):\n{proc.stdout[:2000]}\n{proc.stderr}")
        raise SystemExit(2) from exc


def findings_to_keys(findings: list[dict], corpus: Path = CORPUS) -> tuple[set[Key], int]:
    """(file, row, code) of each finding on a corpus file; also the raw count."""
    keys: set[Key] = set()
    for f in findings:
        path = Path(f["filename"])
        if not path.is_absolute():
            path = ROOT / path
        try:
            name = str(path.resolve().relative_to(corpus.resolve()))
        except ValueError:
            name = str(f["filename"])  # outside the corpus: still reported, as an FP
        keys.add((name, int(f["location"]["row"]), f["code"]))
    return keys, len(findings)


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "-"


def source_line(name: str, row: int, corpus: Path = CORPUS) -> str:
    path = corpus / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return lines[row - 1].strip() if 0 < row <= len(lines) else ""


def report(labels: set[Key], found: set[Key], raw: int, corpus: Path = CORPUS) -> str:
    tp, fp, fn = found & labels, found - labels, labels - found
    codes = sorted(set(RULES) | {k[2] for k in labels | found})
    out: list[str] = []
    files = sorted(p.name for p in corpus.glob("*.py"))
    labeled_files = {k[0] for k in labels}
    out.append(f"corpus: {len(files)} files, {len(files) - len(labeled_files)} without any label, "
               f"{len(labels)} labels; shapelint: {raw} findings, {len(found)} distinct (file, row, code)")
    out.append("")
    head = f"{'rule':<8}{'labels':>8}{'found':>8}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}"
    out.append(head)
    out.append("-" * len(head))
    count = lambda s, c: sum(1 for k in s if k[2] == c)  # noqa: E731
    for code in codes:
        t, p, n = count(tp, code), count(fp, code), count(fn, code)
        out.append(f"{code:<8}{count(labels, code):>8}{count(found, code):>8}{t:>6}{p:>6}{n:>6}"
                   f"{ratio(t, t + p):>11}{ratio(t, t + n):>9}")
    out.append("-" * len(head))
    t, p, n = len(tp), len(fp), len(fn)
    out.append(f"{'overall':<8}{len(labels):>8}{len(found):>8}{t:>6}{p:>6}{n:>6}"
               f"{ratio(t, t + p):>11}{ratio(t, t + n):>9}")
    clean = [f for f in files if f not in labeled_files]
    noisy = sorted({k[0] for k in fp} & set(clean))
    out.append("")
    out.append(f"files without labels that got a finding: {len(noisy)} of {len(clean)}")
    for title, keys in (("false positives (reported, not labeled)", fp),
                        ("false negatives (labeled, not reported)", fn)):
        out.append("")
        out.append(f"{title}: {len(keys)}")
        by_code = Counter(k[2] for k in keys)
        if by_code:
            out.append("  by rule: " + ", ".join(f"{c} {by_code[c]}" for c in sorted(by_code)))
        for name, row, code in sorted(keys):
            out.append(f"  {code}  {name}:{row}  {source_line(name, row, corpus)}")
    return "\n".join(out)


def main() -> None:
    """Both corpora (the contract corpus, then the real-code idioms), in both SL001 modes."""
    for corpus in (CORPUS, IDIOMS):
        for rank1 in ("all", "hazards"):
            print(f"== {corpus.name}, --rank-1 {rank1}")
            labels = read_labels(corpus, rank1)
            found, raw = findings_to_keys(run_shapelint(corpus, rank1), corpus)
            if rank1 == "hazards" and corpus == CORPUS:
                # The contract corpus labels every origin: in the default mode only the others are scored.
                labels = {k for k in labels if k[2] != "SL001"}
                found = {k for k in found if k[2] != "SL001"}
            print(report(labels, found, raw, corpus))


if __name__ == "__main__":
    main()
