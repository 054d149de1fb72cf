"""The README sections and rule pages generated from the registries, so they cannot drift.

    python -m shapelint.docs          # rewrite README.md's generated sections and shapelint/rule_docs/
    python -m shapelint.docs --check  # exit 1 if they are out of date

A section lies between `<!-- begin NAME -->` and `<!-- end NAME -->`. Each
rule has a page `shapelint/rule_docs/CODE.md` holding what `shapelint explain CODE`
prints; editors and SARIF viewers link to it (`output.rule_url`).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from .numpy_api import REGISTRY
from .output import RULE_DOCS
from .rules import RULES, Rule


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


def rule_page(rule: type[Rule]) -> str:
    """A rule's documentation as `shapelint explain` prints it (Markdown)."""
    fix = "Fix is sometimes available." if rule.fixable() else "Fix is not available."
    return f"# {rule.name} ({rule.code})\n\nSeverity: {rule.severity}. {fix}\n\n{(rule.doc or rule.summary).strip()}"


def rule_pages() -> dict[str, str]:
    """Path in the repository -> text, one page per rule."""
    return {f"{RULE_DOCS}/{rule.code}.md": rule_page(rule) + "\n" for rule in RULES}


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    wanted = {readme: render(text), **{root / path: page for path, page in rule_pages().items()}}
    stale = [path for path, new in wanted.items() if not path.is_file() or path.read_text(encoding="utf-8") != new]
    if "--check" in sys.argv:
        return int(bool(stale))
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
