"""The registry of numpy shape rules, keyed by qualified name.

A rule takes the abstract arguments of one call and returns the abstract
result, or raises `ShapeError` when numpy would certainly raise. Methods are
registered under `numpy.ndarray.NAME` and receive the array as their first
positional argument; `numpy.random.Generator.NAME` likewise receives the
generator.

A rule returns `UNKNOWN` whenever it cannot be sure: a wrong shape is the
worst bug this product can have. It, or any helper it calls, may also raise
`GiveUp`, which the registry turns into `UNKNOWN`; `CallArgs.bind` does so
when the arguments do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, Callable

from ..domain import Shape, broadcast
from ..values import UNKNOWN, Tup, Value


class ShapeError(Exception):
    """numpy would certainly raise here.

    `kind` names the family the rules know: "broadcast", "matmul", "reshape",
    "index"; anything else (e.g. "concatenate") is not reported by a rule.
    """

    def __init__(self, kind: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details


class GiveUp(Exception):
    """The rule cannot be sure of the answer: the registry answers UNKNOWN for it."""


def broadcast_shapes(shapes: list[Shape]) -> Shape:
    """The broadcast of `shapes`; raises ShapeError("broadcast") where numpy would."""
    joined = broadcast(shapes)
    if joined.error:
        raise ShapeError("broadcast", joined.error)
    return joined.shape


@dataclass
class CallArgs:
    """The abstract arguments of one call.

    `star` is set when the call used `*args` or `**kwargs` the engine could not
    expand; `bind` then gives up.
    """

    args: list[Value]
    kwargs: dict[str, Value] = field(default_factory=dict)
    star: bool = False
    node: Any = None
    qualname: str = ""

    def bind(self, signature: str) -> dict[str, Value]:
        """Match the arguments to a Python-style signature; raise `GiveUp` if they do not fit.

        >>> from shapelint.domain import Known
        >>> from shapelint.values import Const, Int
        >>> CallArgs([Int(Known(3))], {"dtype": Const("f")}).bind("shape, dtype=None, order='C'")["shape"]
        Int(value=Known(value=3))

        Parameters after `*` are keyword-only; a parameter named `*args` takes the
        rest of the positional arguments as a `Tup`. Omitted parameters are absent
        from the result.
        """
        if self.star:
            raise GiveUp
        params, varargs, kwonly = _parse_signature(signature)
        out: dict[str, Value] = {}
        positional = list(self.args)
        for name in params:
            if positional:
                out[name] = positional.pop(0)
        if positional:
            if varargs is None:
                raise GiveUp
            out[varargs] = Tup(tuple(positional))
        elif varargs is not None:
            out[varargs] = Tup(())
        for key, value in self.kwargs.items():
            if key in out or (key not in params and key not in kwonly):
                raise GiveUp
            out[key] = value
        return out


@lru_cache(maxsize=None)
def _parse_signature(signature: str) -> tuple[tuple[str, ...], str | None, frozenset[str]]:
    params: list[str] = []
    kwonly: set[str] = set()
    varargs = None
    keyword_only = False
    for part in signature.split(","):
        name = part.split("=")[0].strip()
        if not name:
            continue
        if name == "*":
            keyword_only = True
        elif name.startswith("*"):
            varargs = name[1:]
            keyword_only = True
        elif keyword_only:
            kwonly.add(name)
        else:
            params.append(name)
    return tuple(params), varargs, frozenset(kwonly)


Rule = Callable[[CallArgs], Value]

REGISTRY: dict[str, Rule] = {}


def shape_rule(*qualnames: str) -> Callable[[Rule], Rule]:
    """Register `func` as the shape rule of each of `qualnames`; a `GiveUp` it raises answers UNKNOWN."""

    def register(func: Rule) -> Rule:
        @wraps(func)
        def rule(call: CallArgs) -> Value:
            try:
                return func(call)
            except GiveUp:
                return UNKNOWN

        for name in qualnames:
            if name in REGISTRY:
                raise ValueError(f"{name} is registered twice")
            REGISTRY[name] = rule
        return rule

    return register


__all__ = ["REGISTRY", "CallArgs", "GiveUp", "Rule", "ShapeError", "broadcast_shapes", "shape_rule"]
