"""Where shapelint's own documentation is: each rule's page, shipped inside the package.

A module of its own, without heavy imports, so that the language server can
link rules without loading the output formats (and through them the engine).
The project names no web address it does not have: editors and SARIF viewers
open the installed page.
"""

from pathlib import Path

# One page per rule, generated from the text `shapelint explain` prints (`python -m shapelint.docs`).
RULE_DOCS = "shapelint/rule_docs"
# What an internal error asks of the user.
HOW_TO_REPORT = "a bug in shapelint: please report it with the file and the output of the same command run with SHAPELINT_TRACEBACK=1"


def rule_url(code: str) -> str:
    """The installed page of a rule's documentation, as a `file:` URI: editors link it, SARIF names it as the rule's help."""
    return (Path(__file__).resolve().parent / "rule_docs" / f"{code}.md").as_uri()
