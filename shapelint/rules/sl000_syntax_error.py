"""SL000 syntax-error: the file does not parse (reported by the parser, not by a check)."""

from ._base import Example, Rule


class SyntaxErrorRule(Rule):
    # Reported by the parser, not by reading facts; a running program parsed.
    runtime = False
    code = "SL000"
    name = "syntax-error"
    severity = "error"
    always_on = True
    summary = "the file does not parse"
    doc = """\
## What it does
Reports a file (or notebook cell) that Python cannot parse, at the place the
parser stopped.

## Why is this bad?
Nothing in the file can be checked until it parses, and Python will refuse
to run it.

## Example
```python
a = np.zeros((3, 4)
```

## Use instead
```python
a = np.zeros((3, 4))
```

## Fix safety
No automatic fix.
"""
    invalid = (
        Example("a = (\n", at="", says="SyntaxError: '(' was never closed"),
        Example('print "hi"\n', at="", says="Missing parentheses in call to 'print'"),
    )
    valid = ("a = 1\n",)
