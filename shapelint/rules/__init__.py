"""The rule registry: every rule, in code order.

A rule is one module `slNNN_name.py` in this package holding one `Rule`
subclass; the registry finds it, so adding a rule is adding that file (and
its tests, and its code in `CODES`). `shapelint rules`, `shapelint explain`,
the README table and the SARIF rule metadata all read `RULES`.

The rules import libcst, so `RULES` and `BY_CODE` are loaded on first use;
`CODES` is there for what needs only the codes (`--select`, `--ignore`, the
configuration), so that checking files that cannot reach numpy never
imports libcst.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import TYPE_CHECKING, Any

from ._base import Example, NoteAt, Report, Rule

if TYPE_CHECKING:
    RULES: list[type[Rule]]
    BY_CODE: dict[str, type[Rule]]

# The codes of RULES, in order (tests/test_rule_examples.py checks that they agree).
CODES = ("SL000", "SL001", "SL002", "SL003", "SL004", "SL005", "SL006", "SL007", "SL008", "SL009", "SL010", "SL011")
# The codes of the rules that are `always_on`, for the same reason (tests/test_startup.py checks them too).
ALWAYS_ON = ("SL000",)


def __getattr__(name: str) -> Any:
    if name not in ("RULES", "BY_CODE"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    rules = _discover()
    globals().update(RULES=rules, BY_CODE={rule.code: rule for rule in rules})
    return globals()[name]


def _discover() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(__path__):
        if not re.fullmatch(r"sl\d{3}_\w+", info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rules = [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__
        ]
        if len(rules) != 1 or rules[0].code.lower() != info.name[:5]:
            raise ImportError(f"{module.__name__} must define exactly one rule, coded {info.name[:5].upper()}")
        found.extend(rules)
    return sorted(found, key=lambda rule: rule.code)


__all__ = ["ALWAYS_ON", "BY_CODE", "CODES", "RULES", "Example", "NoteAt", "Report", "Rule"]
