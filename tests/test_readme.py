"""The README's generated sections match the registries, and its Quickstart names the two commands."""

from __future__ import annotations

from pathlib import Path

from shapelint.docs import SECTIONS, render

README = Path(__file__).resolve().parent.parent / "README.md"


def test_generated_sections_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run `python -m shapelint.docs` to regenerate the README sections"


def test_generated_sections_are_filled() -> None:
    text = README.read_text(encoding="utf-8")
    for name in SECTIONS:
        body = text.split(f"<!-- begin {name} -->\n", 1)[1].split(f"<!-- end {name} -->", 1)[0]
        assert len(body.strip().splitlines()) >= 3, f"README section {name} is empty"
    assert "`zeros`" in text and "`matmul`" in text


def test_quickstart_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install . && shapelint check fixtures/" in text
    assert "pip install -e '.[test]' && python -m pytest" in text


def test_no_internal_document_is_cited_in_the_code() -> None:
    root = README.parent
    cited = [
        str(path.relative_to(root))
        for folder in ("shapelint", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if "CONTRACT" in path.read_text(encoding="utf-8")
    ]
    assert cited == [] and "CONTRACT" not in README.read_text(encoding="utf-8")
