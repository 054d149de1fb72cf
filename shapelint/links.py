"""Where shapelint lives on the web: the project, its issues, each rule's documentation page.

A module of its own, without imports, so that the language server can link
rules without loading the output formats (and through them the engine).
"""

PROJECT_URL = "https://github.com/shapelint/shapelint"
ISSUES_URL = f"{PROJECT_URL}/issues"
# One page per rule, generated from the text `shapelint explain` prints (`python -m shapelint.docs`).
RULE_DOCS = "docs/rules"


def rule_url(code: str) -> str:
    """Where a rule's documentation lives: editors link it, SARIF names it as the rule's help."""
    return f"{PROJECT_URL}/blob/main/{RULE_DOCS}/{code}.md"
