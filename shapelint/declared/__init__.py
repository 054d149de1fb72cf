"""Shapes the code declares: numpydoc sections, jaxtyping and numpy typing annotations.

`declarations_of(function_def)` reads one function's declarations (cached
per node) without importing anything; the engine binds the named axes
(symbols shared by every parameter of the function) and checks bodies,
returns and calls against them (rule SL011).

>>> import libcst as cst
>>> f = cst.parse_module('def f(X):\\n    \"\"\"\\n    Parameters\\n    ----------\\n    X : ndarray of shape (n, 3)\\n    \"\"\"\\n').body[0]
>>> declarations_of(f).params["X"].shapes
((Named(name='n'), Fixed(value=3)),)
"""

from __future__ import annotations

import libcst as cst

from ._annotations import Aliases, parse_annotation, type_aliases
from ._dims import parse_dim, parse_jaxtyping, parse_tuple
from ._numpydoc import parse_docstring, parse_type
from ._spec import (
    NOTHING,
    AnyAxes,
    AnyLength,
    Broadcastable,
    Computed,
    Declaration,
    Dim,
    Fixed,
    FunctionDeclarations,
    Named,
)

# id(node) -> (node, declarations); the node is kept so that its id is not reused while cached.
_CACHE: dict[int, tuple[cst.FunctionDef, FunctionDeclarations]] = {}
_CACHE_SIZE = 20000
# id(function) -> (function, its module's type aliases), for modules that have any.
_ALIASES: dict[int, tuple[cst.FunctionDef, Aliases]] = {}


def read_aliases(module: cst.Module) -> None:
    """Make the module's type aliases (`M3x4 = np.ndarray[...]`) known to its functions' annotations."""
    aliases = type_aliases(module)
    if not aliases:
        return
    if len(_ALIASES) >= _CACHE_SIZE:
        _ALIASES.clear()
    # Statements only: a visitor over every expression of the module costs as much as analyzing it.
    pending: list[cst.CSTNode] = list(module.body)
    while pending:
        node = pending.pop()
        if isinstance(node, cst.FunctionDef):
            _ALIASES[id(node)] = (node, aliases)
            _CACHE.pop(id(node), None)
        if isinstance(node, cst.BaseCompoundStatement):
            for child in node.children:
                if isinstance(child, (cst.BaseSuite, cst.BaseCompoundStatement, cst.Else, cst.ExceptHandler, cst.Finally)):
                    pending.append(child)
        elif isinstance(node, (cst.IndentedBlock, cst.Else, cst.ExceptHandler, cst.Finally)):
            pending.extend(c for c in node.children if isinstance(c, (cst.BaseSuite, cst.BaseCompoundStatement, cst.Else, cst.ExceptHandler, cst.Finally)))


def docstring_of(node: cst.FunctionDef | cst.ClassDef) -> str | None:
    body = node.body
    if not isinstance(body, cst.IndentedBlock) or not body.body:
        return None
    first = body.body[0]
    if isinstance(first, cst.SimpleStatementLine) and first.body and isinstance(first.body[0], cst.Expr):
        value = first.body[0].value
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            try:
                text = value.evaluated_value
            except Exception:
                return None
            return text if isinstance(text, str) else None
    return None


def declarations_of(node: cst.FunctionDef) -> FunctionDeclarations:
    """The declared shapes of a function's parameters and return value (annotations win over the docstring)."""
    cached = _CACHE.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    params: dict[str, Declaration] = {}
    returns: tuple[Declaration | None, ...] = ()
    held = _ALIASES.get(id(node))
    aliases = held[1] if held is not None and held[0] is node else None
    doc = docstring_of(node)
    scalars: dict[str, str] = {}
    if doc is not None and "---" in doc:
        params, returns, scalars = parse_docstring(doc)
    everything = node.params
    for param in list(everything.posonly_params) + list(everything.params) + list(everything.kwonly_params):
        annotation = param.annotation.annotation if param.annotation is not None else None
        if isinstance(annotation, cst.Name) and annotation.value in ("int", "float"):
            scalars[param.name.value] = annotation.value
        elif annotation is not None:
            scalars.pop(param.name.value, None)
        if param.default is not None and not _number_literal(param.default):
            scalars.pop(param.name.value, None)  # `n: int = None`, `sigma : float` defaulting to something else
        if param.annotation is not None:
            declared = parse_annotation(param.annotation.annotation, aliases)
            if declared is not None:
                params[param.name.value] = declared
        if param.name.value in params and param.default is not None:
            default = param.default
            if isinstance(default, cst.Name) and default.value == "None":
                declared = params[param.name.value]
                params[param.name.value] = Declaration(declared.shapes, False, declared.sparse, True)
    if node.returns is not None:
        declared = parse_annotation(node.returns.annotation, aliases)
        if declared is not None:
            returns = (declared,)
    result = FunctionDeclarations(params, returns, scalars) if params or returns or scalars else NOTHING
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[id(node)] = (node, result)
    return result


def class_declarations(node: cst.ClassDef) -> FunctionDeclarations:
    """The parameters a class docstring declares (those of its `__init__`)."""
    doc = docstring_of(node)
    if doc is None or "---" not in doc:
        return NOTHING
    params, _, scalars = parse_docstring(doc)
    return FunctionDeclarations(params, (), scalars) if params or scalars else NOTHING


def _number_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float))


__all__ = [
    "AnyAxes",
    "AnyLength",
    "Broadcastable",
    "Computed",
    "Declaration",
    "Dim",
    "Fixed",
    "FunctionDeclarations",
    "Named",
    "class_declarations",
    "declarations_of",
    "docstring_of",
    "parse_annotation",
    "parse_dim",
    "parse_docstring",
    "parse_jaxtyping",
    "parse_tuple",
    "parse_type",
]
