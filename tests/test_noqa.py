"""`# noqa` directives, read as flake8 and ruff read them."""

from __future__ import annotations

import pytest

from shapelint.findings import Finding, Position
from shapelint.noqa import is_suppressed, parse_noqa, without_suppressed


def finding(code: str, row: int) -> Finding:
    return Finding(code, "name", "warning", "msg", "f.py", Position(row, 1), Position(row, 2), row)


@pytest.mark.parametrize(
    "comment, codes",
    [
        ("# noqa", None),
        ("# NOQA", None),
        ("#noqa", None),
        ("# noqa because the shapes are checked at runtime", None),
        ("# noqa: SL001", {"SL001"}),
        ("# noqa:SL001,SL003", {"SL001", "SL003"}),
        ("# noqa: sl001 SL003, SL004", {"SL001", "SL003", "SL004"}),
        ("# NoQA : SL001 -- the column is reshaped later", {"SL001"}),
        ("# type: ignore  # noqa: SL002", {"SL002"}),
        ("# noqa: E501", {"E501"}),
    ],
)
def test_directives(comment, codes):
    assert parse_noqa(f"x = 1  {comment}\n") == {1: codes and frozenset(codes)}


@pytest.mark.parametrize("comment", ["# noqa:", "# noqa: please", "# noqafoo", "# no qa", "# this is noqa"])
def test_not_directives(comment):
    assert parse_noqa(f"x = 1  {comment}\n") == {}


def test_noqa_inside_a_string_is_not_a_comment():
    source = 's = "# noqa"\nt = """\n# noqa\n"""\nu = 1  # noqa: SL001\n'
    assert parse_noqa(source) == {5: frozenset({"SL001"})}


def test_rows_count_crlf_and_cr_line_endings():
    assert parse_noqa("a = 1\r\nb = 2  # noqa\r\nc = 3\rd = 4  # noqa: SL001\r") == {
        2: None,
        4: frozenset({"SL001"}),
    }


def test_a_source_that_does_not_tokenize_falls_back_to_scanning_lines():
    source = "x = (1,  # noqa: SL001\ns = '# noqa'\n"  # the open parenthesis makes tokenize fail
    assert parse_noqa(source) == {1: frozenset({"SL001"})}


def test_suppression_is_by_code_on_the_noqa_row():
    source = "a = 1  # noqa: SL001\nb = 2  # noqa\nc = 3\n"
    kept = without_suppressed(
        [finding("SL001", 1), finding("SL003", 1), finding("SL005", 2), finding("SL001", 3)], source
    )
    assert [(f.code, f.noqa_row) for f in kept] == [("SL003", 1), ("SL001", 3)]


def test_syntax_errors_cannot_be_suppressed():
    assert not is_suppressed(finding("SL000", 1), {1: None})
