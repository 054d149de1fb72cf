"""Glob patterns of the configuration, matched in linear time whatever the pattern.

    Glob("tests/**/*.py").match("tests/sub/a.py")  # True

`*` and `?` stay within one folder, `**/` spans any number of folders (or
none), `**` anything; `[abc]`, `[a-z]` and `[!a-z]` are character classes
(`[z-a]` matches nothing, a `[` without its `]` is itself, as in `fnmatch`).

A glob translated to a regular expression backtracks: `*a*a*a*a*b` against a
long name of `a`s takes exponential time. Here the pattern is a small
automaton whose set of live states advances one character at a time, so a
match costs at most (pattern length x text length) steps.
"""

from __future__ import annotations

from dataclasses import dataclass

# Token kinds.
_CHAR, _ANY, _STAR, _DEEP, _DEEP_FOLDERS, _CLASS = range(6)


@dataclass(frozen=True)
class _Class:
    negated: bool
    singles: frozenset[str]
    ranges: tuple[tuple[str, str], ...]

    def __contains__(self, char: str) -> bool:
        found = char in self.singles or any(low <= char <= high for low, high in self.ranges)
        return found != self.negated and char != "/"


def _class_at(pattern: str, i: int) -> tuple[_Class, int] | None:
    """The character class opening at `pattern[i] == "["` and the index after it, or None if it does not close."""
    j = i + 1
    negated = j < len(pattern) and pattern[j] in "!^"
    if negated:
        j += 1
    start = j
    if j < len(pattern) and pattern[j] == "]":  # a leading `]` is a member, as in fnmatch
        j += 1
    close = pattern.find("]", j)
    if close == -1:
        return None
    body = pattern[start:close]
    singles, ranges, k = set(), [], 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            ranges.append((body[k], body[k + 2]))  # an empty range (`z-a`) matches nothing
            k += 3
        else:
            singles.add(body[k])
            k += 1
    return _Class(negated, frozenset(singles), tuple(ranges)), close + 1


def _tokens(pattern: str) -> tuple[tuple[int, object], ...]:
    out: list[tuple[int, object]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append((_DEEP_FOLDERS, None))
            i += 3
        elif pattern.startswith("**", i):
            out.append((_DEEP, None))
            i += 2
        elif c == "*":
            out.append((_STAR, None))
            i += 1
        elif c == "?":
            out.append((_ANY, None))
            i += 1
        elif c == "[" and (found := _class_at(pattern, i)) is not None:
            out.append((_CLASS, found[0]))
            i = found[1]
        else:
            out.append((_CHAR, c))
            i += 1
    return tuple(out)


class Glob:
    """One compiled glob; `match(text)` says whether it matches all of `text`."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._tokens = _tokens(pattern)

    def __repr__(self) -> str:
        return f"Glob({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glob) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def _closure(self, states: set[int]) -> set[int]:
        """`states` plus those reachable without reading a character (a wildcard matching nothing)."""
        stack = list(states)
        while stack:
            i = stack.pop()
            if i < len(self._tokens) and self._tokens[i][0] in (_STAR, _DEEP, _DEEP_FOLDERS) and i + 1 not in states:
                states.add(i + 1)
                stack.append(i + 1)
        return states

    def match(self, text: str) -> bool:
        tokens, end = self._tokens, len(self._tokens)
        states = self._closure({0})
        for char in text:
            following: set[int] = set()
            for i in states:
                if i == end:
                    continue
                kind, value = tokens[i]
                if kind == _CHAR:
                    if char == value:
                        following.add(i + 1)
                elif kind == _ANY:
                    if char != "/":
                        following.add(i + 1)
                elif kind == _CLASS:
                    if isinstance(value, _Class) and char in value:
                        following.add(i + 1)
                elif kind == _STAR:
                    if char != "/":
                        following.add(i)
                elif kind == _DEEP:
                    following.add(i)
                else:  # _DEEP_FOLDERS: anything ending with a `/`
                    following.add(i)
                    if char == "/":
                        following.add(i + 1)
            if not following:
                return False
            states = self._closure(following)
        return end in states
