"""Which rules are on: `select` / `ignore` with code prefixes, as ruff reads them.

A code or prefix (`SL001`, `SL00`, `SL`) must name at least one rule of the
registry. The effective selection combines the configuration and the command
line the way ruff does: `--select` replaces the configured `select`, `--ignore`
adds to the configured `ignore`. Where a select and an ignore both match a
rule, the longer (more specific) prefix wins, and ignore wins a tie:

>>> s = Selection.resolve(select=("SL",), ignore=("SL00",))
>>> sorted(s.enabled_codes())
['SL000', 'SL010', 'SL011']

per-file-ignores (found by `Config.ignores_for`) are removed after that,
whatever their specificity.

SL000 (the file does not parse) is always on, as ruff always reports syntax
errors: a file that cannot be parsed cannot be checked for anything else, and
hiding that would turn a broken file into "All checks passed!".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from .rules import ALWAYS_ON as ALWAYS_ON_CODES
from .rules import CODES

ALWAYS_ON = frozenset(ALWAYS_ON_CODES)


def all_codes() -> list[str]:
    return list(CODES)


def parse_codes(values: Iterable[str], *, where: str) -> tuple[str, ...]:
    """Upper-cased codes and prefixes from `values` (each may hold several, split at commas or spaces).

    Raises ValueError naming `where` (e.g. "--select" or "[tool.shapelint] ignore")
    for one that matches no rule.
    """
    known = all_codes()
    codes: list[str] = []
    for value in values:
        for part in re.split(r"[,\s]+", value.strip()):
            if not part:
                continue
            code = part.upper()
            if not any(c.startswith(code) for c in known):
                hint = difflib.get_close_matches(code, known, n=1)
                suffix = f"; did you mean {hint[0]}?" if hint else ""
                raise ValueError(
                    f"unknown rule code or prefix {part!r} in {where}{suffix} (the codes are {', '.join(sorted(known))};"
                    " a prefix such as SL00 selects several)"
                )
            codes.append(code)
    return tuple(codes)


def _longest_match(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """The effective `select` and `ignore` prefixes (already validated)."""

    select: tuple[str, ...] = ("SL",)
    ignore: tuple[str, ...] = ()

    @classmethod
    def resolve(
        cls,
        *,
        config_select: tuple[str, ...] | None = None,
        config_ignore: tuple[str, ...] = (),
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
    ) -> "Selection":
        """Combine the configured and the command-line codes (CLI select replaces, CLI ignore adds)."""
        chosen = select if select is not None else config_select
        return cls(select=chosen if chosen is not None else ("SL",), ignore=config_ignore + ignore)

    def is_enabled(self, code: str, file_ignores: tuple[str, ...] = ()) -> bool:
        if code in ALWAYS_ON:
            return True
        if any(code.startswith(p) for p in file_ignores):
            return False
        return _longest_match(code, self.select) > _longest_match(code, self.ignore)

    def enabled_codes(self, file_ignores: tuple[str, ...] = ()) -> frozenset[str]:
        """The registry codes on for a file with these per-file-ignores."""
        return frozenset(c for c in all_codes() if self.is_enabled(c, file_ignores)) | ALWAYS_ON
