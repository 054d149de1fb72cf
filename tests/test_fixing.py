"""Applying fixes, the re-lint loop, and the diff."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from shapelint.findings import Edit, Finding, Fix, Position
from shapelint.fixing import MAX_ROUNDS, apply_fixes, fix_until_stable, is_applicable, unified_diff


def edit(content: str, r1: int, c1: int, r2: int, c2: int) -> Edit:
    return Edit(content, Position(r1, c1), Position(r2, c2))


def fix(*edits: Edit, applicability: str = "safe") -> Fix:
    return Fix(applicability, "fix it", tuple(edits))


def lint_bugs(text: str) -> list[Finding]:
    """A finding per `BUG`, fixed by `OK`; `BUGBUG` needs two rounds since touching fixes wait."""
    found = []
    for row, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for m in re.finditer("BUG", line):
            start, end = Position(row, m.start() + 1), Position(row, m.end() + 1)
            found.append(
                Finding("SL001", "rank-1-array", "warning", "bug", "f.py", start, end, row,
                        fix=fix(Edit("OK", start, end)))
            )
    return found


def test_single_edit_columns_are_characters_and_ends_exclusive():
    text = "é = np.zeros(3)\n"
    assert apply_fixes(text, [fix(edit("np.zeros((3, 1))", 1, 5, 1, 16))]) == ("é = np.zeros((3, 1))\n", [True])


def test_rows_end_at_crlf_cr_and_lf_and_line_endings_are_kept():
    text = "a = 1\r\nb = BUG\rc = BUG\nd = BUG"
    fixed, applied = apply_fixes(text, [f.fix for f in lint_bugs(text)])
    assert fixed == "a = 1\r\nb = OK\rc = OK\nd = OK"
    assert applied == [True, True, True]


def test_an_edit_may_span_rows_and_insert_at_the_end():
    text = "x = f(\n    1,\n)\n"
    assert apply_fixes(text, [fix(edit("f(1)", 1, 5, 3, 2))])[0] == "x = f(1)\n"
    assert apply_fixes(text, [fix(edit("y = 2\n", 4, 1, 4, 1))])[0] == text + "y = 2\n"


def test_overlapping_or_touching_fixes_wait_for_the_next_round():
    text = "abcdef\n"
    first, overlapping, touching, later = (
        fix(edit("X", 1, 2, 1, 4)),
        fix(edit("Y", 1, 3, 1, 5)),
        fix(edit("Z", 1, 4, 1, 5)),
        fix(edit("W", 1, 6, 1, 7)),
    )
    assert apply_fixes(text, [later, touching, overlapping, first]) == ("aXdeW\n", [True, False, False, True])


def test_identical_fixes_of_two_findings_count_as_applied_once():
    same = fix(edit("OK", 1, 1, 1, 4))
    assert apply_fixes("BUG\n", [same, same]) == ("OK\n", [True, True])


def test_edits_of_one_fix_go_together_and_an_invalid_fix_is_skipped():
    text = "a + b\n"
    swap = fix(edit("b", 1, 1, 1, 2), edit("a", 1, 5, 1, 6))
    past_the_end = fix(edit("?", 1, 9, 1, 10))
    self_overlapping = fix(edit("1", 1, 1, 1, 3), edit("2", 1, 2, 1, 4))
    assert apply_fixes(text, [past_the_end, swap, self_overlapping]) == ("b + a\n", [False, True, False])


def test_applicability():
    assert is_applicable(fix(applicability="safe"), unsafe=False)
    assert not is_applicable(fix(applicability="unsafe"), unsafe=False)
    assert is_applicable(fix(applicability="unsafe"), unsafe=True)
    assert not is_applicable(None, unsafe=True)


def test_the_loop_relints_until_nothing_is_left():
    text = "x = BUGBUG\n"
    outcome = fix_until_stable(text, lint_bugs(text), lint_bugs)
    assert (outcome.text, outcome.findings, outcome.fixed) == ("x = OKOK\n", [], 2)


def test_the_loop_stops_after_max_rounds():
    calls = []

    def lint_forever(text: str) -> list[Finding]:
        calls.append(text)
        return [Finding("SL001", "n", "warning", "m", "f.py", Position(1, 1), Position(1, 1), 1,
                        fix=fix(edit("x", 1, 1, 1, 1)))]

    outcome = fix_until_stable("", lint_forever(""), lint_forever)
    assert outcome.text == "x" * MAX_ROUNDS
    assert outcome.fixed == MAX_ROUNDS


def test_unsafe_fixes_only_when_asked():
    text = "BUG\n"
    unsafe = [Finding("SL001", "n", "warning", "m", "f.py", Position(1, 1), Position(1, 4), 1,
                      fix=fix(edit("OK", 1, 1, 1, 4), applicability="unsafe"))]
    assert fix_until_stable(text, unsafe, lambda t: []).text == text
    assert fix_until_stable(text, unsafe, lambda t: [], unsafe=True).text == "OK\n"


def test_a_round_that_breaks_the_parse_is_undone():
    def lint(text: str) -> list[Finding]:
        if text.startswith("OK"):
            return [Finding("SL000", "syntax-error", "error", "SyntaxError", "f.py", Position(1, 1), Position(1, 1), 1)]
        return lint_bugs(text)

    outcome = fix_until_stable("BUG\n", lint_bugs("BUG\n"), lint)
    assert outcome.text == "BUG\n" and outcome.fixed == 0
    assert "SL001" in outcome.reverted


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab\r\n é\t", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3), st.text(alphabet="xy\n", max_size=3)), max_size=5),
)
def test_everything_outside_the_edits_is_kept(text, raw_edits):
    # Edits given as offsets, turned into (row, column); whatever applies, the rest is untouched.
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(offset: int) -> Position:
        row = max(i for i, s in enumerate(starts) if s <= offset)
        return Position(row + 1, offset - starts[row] + 1)

    def inside_a_break(offset: int) -> bool:
        return 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n"

    fixes = []
    for start, length, content in raw_edits:
        start, end = min(start, len(text)), min(start + length, len(text))
        if not (inside_a_break(start) or inside_a_break(end)):
            fixes.append((start, end, content, fix(Edit(content, position(start), position(end)))))
    fixed, applied = apply_fixes(text, [f for *_, f in fixes])
    # Identical edits (the same fix of two findings) are applied once.
    kept = sorted({(s, e, c) for (s, e, c, _), done in zip(fixes, applied) if done})
    expected, last = [], -1
    for s, e, c in kept:
        assert s > last  # applied edits never overlap or touch
        expected += [text[max(last, 0) : s], c]
        last = e
    assert fixed == "".join(expected) + text[max(last, 0) :]


def test_unified_diff():
    diff = unified_diff("a = 1\nb = BUG\n", "a = 1\nb = OK\n", "pkg/mod.py")
    assert diff == (
        "--- a/pkg/mod.py\n"
        "+++ b/pkg/mod.py\n"
        "@@ -1,2 +1,2 @@\n"
        " a = 1\n"
        "-b = BUG\n"
        "+b = OK\n"
    )


def test_unified_diff_marks_a_missing_final_newline_and_keeps_crlf():
    assert unified_diff("x = BUG", "x = OK", "f.py").splitlines()[3:] == [
        "-x = BUG",
        "\\ No newline at end of file",
        "+x = OK",
        "\\ No newline at end of file",
    ]
    assert "-x = BUG\r\n+x = OK\r\n" in unified_diff("x = BUG\r\n", "x = OK\r\n", "f.py")
    assert unified_diff("same\n", "same\n", "f.py") == ""
