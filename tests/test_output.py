"""One snapshot per output format, written out inline; SARIF also against the 2.1.0 schema."""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from shapelint import __version__
from shapelint.findings import Edit, Finding, Fix, Note, Position
from shapelint.output import OutputContext, emit, use_color
from shapelint.output.github import escape_data, escape_property
from shapelint.output.text import summary
from shapelint.rules import RULES

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

SOURCE = textwrap.dedent(
    """\
    import numpy as np

    W = np.zeros((3, 4))
    a = np.random.rand(5)
    b = W + np.ones(
        3)
    """
)

RANK1 = Finding(
    code="SL001",
    name="rank-1-array",
    severity="warning",
    message="`a` is a rank-1 array of shape (5,): neither a row nor a column",
    filename="pkg/rank1.py",
    start=Position(4, 5),
    end=Position(4, 22),
    noqa_row=4,
    fix=Fix("unsafe", "Use `np.random.rand(5, 1)`", (Edit("np.random.rand(5, 1)", Position(4, 5), Position(4, 22)),)),
    help="make it a column: `np.random.rand(5, 1)` (a row: `np.random.rand(1, 5)`)",
    notes=(Note("`a` is used as a column at line 9", "fixtures/rank1.py", None, Position(9, 1)),),
)
BROADCAST = Finding(
    code="SL005",
    name="broadcast-error",
    severity="error",
    message="`W + np.ones(3)` adds (3, 4) and (3,): no axis of length 3 lines up",
    filename="pkg/rank1.py",
    start=Position(5, 5),
    end=Position(6, 7),
    noqa_row=5,
)
SAFE = Finding(
    code="SL002",
    name="rank-1-transpose",
    severity="warning",
    message="`v.T` of a (n,) array is the same (n,) array, 50% sure: a, b",
    filename="other.py",
    start=Position(1, 1),
    end=Position(1, 4),
    noqa_row=1,
    fix=Fix("safe", "Remove `.T`", (Edit("v", Position(1, 1), Position(1, 4)),)),
)
FINDINGS = [RANK1, BROADCAST, SAFE]


def render(fmt: str, findings=FINDINGS, **context) -> str:
    stream = io.StringIO()
    emit(findings, fmt, stream, context=OutputContext(sources={"pkg/rank1.py": SOURCE}, **context))
    return stream.getvalue()


def test_text():
    assert render("text") == textwrap.dedent(
        """\
        pkg/rank1.py:4:5: SL001 [*] `a` is a rank-1 array of shape (5,): neither a row nor a column
          |
        4 | a = np.random.rand(5)
          |     ^^^^^^^^^^^^^^^^^
          |
          = note: `a` is used as a column at line 9
          = help: make it a column: `np.random.rand(5, 1)` (a row: `np.random.rand(1, 5)`)

        pkg/rank1.py:5:5: SL005 `W + np.ones(3)` adds (3, 4) and (3,): no axis of length 3 lines up
          |
        5 | b = W + np.ones(
          |     ^^^^^^^^^^^^
        6 |     3)
          |     ^^
          |

        other.py:1:1: SL002 [*] `v.T` of a (n,) array is the same (n,) array, 50% sure: a, b
          = help: Remove `.T`

        Found 3 problems (1 fixable with `--fix`, 2 with `--fix --unsafe-fixes`).
        """
    )


def test_text_gutter_widens_and_tabs_and_wide_characters_keep_the_carets_aligned():
    source = "\n" * 9 + "\tx = '日本' + bad\n"
    finding = Finding("SL005", "broadcast-error", "error", "m", "f.py", Position(10, 13), Position(10, 16), 10)
    stream = io.StringIO()
    emit([finding], "text", stream, context=OutputContext(sources={"f.py": source}))
    assert stream.getvalue().splitlines()[1:5] == [
        "   |",
        "10 |     x = '日本' + bad",
        "   |                  ^^^",
        "   |",
    ]


def test_text_quiet():
    assert render("text", quiet=True) == textwrap.dedent(
        """\
        pkg/rank1.py:4:5: SL001 `a` is a rank-1 array of shape (5,): neither a row nor a column
        pkg/rank1.py:5:5: SL005 `W + np.ones(3)` adds (3, 4) and (3,): no axis of length 3 lines up
        other.py:1:1: SL002 `v.T` of a (n,) array is the same (n,) array, 50% sure: a, b
        """
    )


def test_statistics():
    findings = [RANK1, BROADCAST, RANK1, SAFE] + [BROADCAST] * 9
    assert render("text", findings, statistics=True) == (
        "  10  SL005      broadcast-error\n"
        "   2  SL001  [*] rank-1-array\n"
        "   1  SL002  [*] rank-1-transpose\n"
    )
    assert json.loads(render("json", findings, statistics=True))[0] == {
        "code": "SL005", "name": "broadcast-error", "count": 10, "fixable": False,
    }


@pytest.mark.parametrize(
    "findings, fixed, line",
    [
        ([], 0, "All checks passed!"),
        ([BROADCAST], 0, "Found 1 problem."),
        ([SAFE, SAFE], 0, "Found 2 problems (2 fixable with `--fix`)."),
        ([RANK1], 0, "Found 1 problem (1 fixable with `--fix --unsafe-fixes`)."),
        ([BROADCAST], 2, "Found 3 problems (2 fixed, 1 remaining)."),
        ([], 1, "Found 1 problem (1 fixed, 0 remaining)."),
    ],
)
def test_summary(findings, fixed, line):
    assert summary(findings, fixed) == line


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    coloured = render("text", color=True)
    assert "\x1b[" in coloured and "\x1b[" not in render("text")


def test_json():
    assert render("json", [SAFE]) == textwrap.dedent(
        """\
        [
          {
            "code": "SL002",
            "name": "rank-1-transpose",
            "severity": "warning",
            "message": "`v.T` of a (n,) array is the same (n,) array, 50% sure: a, b",
            "filename": "other.py",
            "cell": null,
            "location": {
              "row": 1,
              "column": 1
            },
            "end_location": {
              "row": 1,
              "column": 4
            },
            "noqa_row": 1,
            "source": "static",
            "url": null,
            "fix": {
              "applicability": "safe",
              "message": "Remove `.T`",
              "edits": [
                {
                  "content": "v",
                  "location": {
                    "row": 1,
                    "column": 1
                  },
                  "end_location": {
                    "row": 1,
                    "column": 4
                  }
                }
              ]
            },
            "notes": []
          }
        ]
        """
    )
    assert render("json", []) == "[]\n"
    first = json.loads(render("json"))[0]
    assert first["notes"] == [
        {"message": "`a` is used as a column at line 9", "filename": "fixtures/rank1.py", "cell": None,
         "location": {"row": 9, "column": 1}}
    ]
    assert [item["fix"] for item in json.loads(render("json"))][1] is None


def test_sarif_is_valid_and_carries_rules_results_and_fixes(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    outside = BROADCAST.with_filename("/elsewhere/my file.py")
    document = json.loads(render("sarif", [RANK1, outside]))
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))

    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("shapelint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    sl001 = driver["rules"][1]
    assert sl001["name"] == "rank-1-array"
    assert sl001["help"]["markdown"] == RULES[1].doc
    assert sl001["defaultConfiguration"] == {"level": "warning"}
    assert driver["rules"][5]["defaultConfiguration"] == {"level": "error"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"] == [
        {
            "ruleId": "SL001",
            "level": "warning",
            "message": {"text": "`a` is a rank-1 array of shape (5,): neither a row nor a column"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "pkg/rank1.py"},
                        "region": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 22},
                    }
                }
            ],
            "ruleIndex": 1,
            "fixes": [
                {
                    "description": {"text": "Use `np.random.rand(5, 1)`"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": "pkg/rank1.py"},
                            "replacements": [
                                {
                                    "deletedRegion": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 22},
                                    "insertedContent": {"text": "np.random.rand(5, 1)"},
                                }
                            ],
                        }
                    ],
                }
            ],
        },
        {
            "ruleId": "SL005",
            "level": "error",
            "message": {"text": "`W + np.ones(3)` adds (3, 4) and (3,): no axis of length 3 lines up"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "file:///elsewhere/my%20file.py"},
                        "region": {"startLine": 5, "startColumn": 5, "endLine": 6, "endColumn": 7},
                    }
                }
            ],
            "ruleIndex": 5,
        },
    ]


def test_sarif_without_findings_is_valid():
    jsonschema.validate(json.loads(render("sarif", [])), json.loads(SCHEMA.read_text()))


def test_github():
    odd = SAFE.with_filename("dir,with:odd%name.py")
    assert render("github", [RANK1, BROADCAST, odd]) == (
        "::warning file=pkg/rank1.py,line=4,col=5,endLine=4,endColumn=22,title=shapelint (SL001)::"
        "`a` is a rank-1 array of shape (5,): neither a row nor a column\n"
        "::error file=pkg/rank1.py,line=5,col=5,endLine=6,endColumn=7,title=shapelint (SL005)::"
        "`W + np.ones(3)` adds (3, 4) and (3,): no axis of length 3 lines up\n"
        "::warning file=dir%2Cwith%3Aodd%25name.py,line=1,col=1,endLine=1,endColumn=4,title=shapelint (SL002)::"
        "`v.T` of a (n,) array is the same (n,) array, 50%25 sure: a, b\n"
    )


def test_github_escaping():
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
