"""The rule registry: every rule, in code order.

A rule is one module `slNNN_name.py` in this package holding one `Rule`
subclass; the registry finds it, so adding a rule is adding that file (and
its tests). `shapelint rules`, `shapelint explain`, the README table and the
SARIF rule metadata all read `RULES`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from ._base import Example, NoteAt, Report, Rule


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


RULES: list[type[Rule]] = _discover()
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "Example", "NoteAt", "Report", "Rule"]
