"""The README sections generated from the registries, so they cannot drift.

    python -m shapelint.docs          # rewrite README.md's generated sections
    python -m shapelint.docs --check  # exit 1 if they are out of date

A section lies between `<!-- begin NAME -->` and `<!-- end NAME -->`.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from .numpy_api import REGISTRY
from .rules import RULES


def rules_table() -> str:
    rows = ["| code | name | severity | fix | what it flags |", "| --- | --- | --- | --- | --- |"]
    for rule in RULES:
        fix = "unsafe fix" if rule.fixable() else ""
        rows.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {fix} | {rule.summary} |")
    return "\n".join(rows)


def numpy_functions() -> str:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(REGISTRY):
        parts = name.split(".")
        if parts[1] == "ndarray":
            groups["array methods and attributes (`a.NAME`)"].append(parts[-1])
        elif parts[1:3] in (["random", "Generator"], ["random", "RandomState"]):
            groups[f"`numpy.random.{parts[2]}` methods"].append(parts[-1])
        elif len(parts) > 2:
            groups[f"`numpy.{'.'.join(parts[1:-1])}`"].append(parts[-1])
        else:
            groups["`numpy`"].append(parts[-1])
    order = sorted(groups, key=lambda g: (g != "`numpy`", g))
    lines = [f"{len(REGISTRY)} names, each with a property test against real numpy:", ""]
    for group in order:
        lines.append(f"- **{group}**: " + ", ".join(f"`{n}`" for n in groups[group]))
    return "\n".join(lines)


SECTIONS = {"rules": rules_table, "numpy-functions": numpy_functions}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        # An empty section (`begin` right above `end`) is filled too.
        pattern = re.compile(rf"(<!-- begin {name} -->\n).*?(<!-- end {name} -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + make() + "\n" + m.group(2), text)
    return text


def main() -> int:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        return int(new != text)
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
