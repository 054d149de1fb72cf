"""Wording and small lookups the rules share, for static and runtime findings alike.

Messages name the shapes (`(5,)`, `(n, 1)`) and, where a shape was made
elsewhere, a note says where, so the reader can walk back to the origin.
"""

from __future__ import annotations

from typing import Iterable, Sequence, TypeVar

import libcst as cst

from ..domain import Known, Shape, Sym, format_shape
from ..engine.facts import Analysis, Binding, Facts, Operand, Transpose
from ..values import Array, Value
from ._base import NoteAt

MAX_SNIPPET = 40
T = TypeVar("T")


def code(analysis: Analysis, node: cst.CSTNode) -> str:
    """The source of `node` on one line, shortened for messages."""
    text = " ".join(analysis.module.code_for_node(_start_of(node)).split())
    return text if len(text) <= MAX_SNIPPET and not long_chain(node) else text[: MAX_SNIPPET - 3] + "..."


# Deeper than this, a chain's message text comes from its start alone (`a.T.T.T...`): the
# whole text of each link of a 1,000-link chain would make the messages quadratic.
_CHAIN_STEPS = 16


def _head(node: cst.CSTNode) -> cst.CSTNode | None:
    """What `node` is written after, with nothing before it: `a` of `a.T`, `f` of `f(x)`, `a` of `a[0]`."""
    if isinstance(node, (cst.Attribute, cst.Call, cst.Subscript)) and not node.lpar:
        return node.func if isinstance(node, cst.Call) else node.value
    return None


def long_chain(node: cst.CSTNode) -> bool:
    """Whether `node` is a left-nested chain long enough that messages show only its start."""
    return _start_of(node) is not node


def _start_of(node: cst.CSTNode) -> cst.CSTNode:
    """`node`, or for a long left-nested chain the link whose text is all a message shows of it."""
    path = [node]
    while (head := _head(path[-1])) is not None:
        path.append(head)
    if len(path) <= _CHAIN_STEPS * 4:
        return node
    # The text of the link a few steps above the chain's start begins the whole text.
    return path[-_CHAIN_STEPS]


def shape(value: Value) -> str:
    return format_shape(value.shape) if isinstance(value, Array) else "?"


def rank(value: Value) -> int | None:
    return value.shape.rank if isinstance(value, Array) else None


def known_rank(value: Value, wanted: int | None = None) -> bool:
    r = rank(value)
    return r is not None and (wanted is None or r == wanted)


def length_text(value: Array, axis: int = 0) -> str:
    assert value.shape.axes is not None
    return str(value.shape.axes[axis])


def column_shape(value: Array) -> str:
    """`(5, 1)` for a rank-1 `(5,)` array, `(n, 1)` for `(n,)`."""
    return format_shape(Shape((value.shape.axes[0], Known(1))))  # type: ignore[index]


def _read_name(analysis: Analysis, node: cst.CSTNode) -> str | None:
    """`a` or `self.w`: the name an operand reads, None for any other expression."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
        return analysis.module.code_for_node(node)
    return None


def binding_of(analysis: Analysis, operand: Operand) -> Binding | None:
    """The assignment that bound the name an operand reads to the value it has there."""
    name = _read_name(analysis, operand.node)
    value = operand.value
    if name is None or not isinstance(value, Array):
        return None
    candidates = analysis.bindings_named(name)
    exact = [b for b in candidates if b.value is value]
    if exact:
        return exact[0]
    alike = [
        b
        for b in candidates
        if isinstance(b.value, Array) and b.value.shape == value.shape and b.value.origin is value.origin
    ]
    return alike[0] if alike else None


def origin_binding(analysis: Facts, origin: object) -> Binding | None:
    """The assignment where a rank-1 origin was first bound."""
    if origin is None:
        return None
    return analysis.fresh_binding(origin=origin)


def operand_notes(analysis: Analysis, operands: Iterable[Operand]) -> tuple[NoteAt, ...]:
    """Where each rank-1 operand got its shape: the array it reads, then its rank-1 origin if that is another."""
    notes: list[NoteAt] = []
    for operand in operands:
        value = operand.value
        if not isinstance(value, Array) or value.rank != 1 or value.origin is None:
            continue
        bound = binding_of(analysis, operand)
        origin = origin_binding(analysis, value.origin)
        if bound is not None and not (bound is origin):
            if bound.value_node is not None:
                made = code(analysis, bound.value_node)
                text = f"`{bound.name}` is {shape(bound.value)} from `{made}` at line {{line}}"
            else:
                text = f"`{bound.name}` became {shape(bound.value)} at line {{line}}"
            notes.append(NoteAt(text, bound.target))
        if origin is not None and bound is not None and bound is not origin:
            text = f"`{bound.name}` is computed from `{origin.name}`, which became {shape(origin.value)} at line {{line}}"
            notes.append(NoteAt(text, origin.target))
        elif origin is not None:
            notes.append(NoteAt(f"`{origin.name}` became {shape(origin.value)} at line {{line}}", origin.target))
    unique: list[NoteAt] = []
    for note in notes:
        if not any(n.message == note.message and n.node is note.node for n in unique):
            unique.append(note)
    return tuple(unique)


def rank1_origins(operands: Iterable[Operand]) -> tuple[object, ...]:
    """The rank-1 origins of the operands (what SL001 reports in its default mode)."""
    found: list[object] = []
    for operand in operands:
        value = operand.value
        if isinstance(value, Array) and value.origin is not None and value.origin not in found:
            found.append(value.origin)
    return tuple(found)


def numpy_alias(module: cst.Module) -> str | None:
    """The name the module gives numpy (`np`), for fixes that add a numpy call."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if isinstance(alias.name, cst.Name) and alias.name.value == "numpy":
                            if alias.asname is None:
                                return "numpy"
                            if isinstance(alias.asname.name, cst.Name):
                                return alias.asname.name.value
    return None


def transpose_at(analysis: Analysis, node: cst.CSTNode) -> Transpose | None:
    """The transpose (`x.T`, `x.transpose()`, `np.transpose(x)`, however numpy is imported) at `node`."""
    return next((t for t in analysis.transposes if t.node is node), None)


def untransposed(analysis: Analysis, node: cst.CSTNode) -> cst.CSTNode:
    """`a` for `a.T`, `a.transpose()`, `np.transpose(a)`; the node itself otherwise."""
    found = transpose_at(analysis, node)
    return found.operand.node if found is not None else node


def atom(analysis: Analysis, node: cst.CSTNode) -> str:
    """The node's source, parenthesized unless it is already an atom (`a`, `f(x)`, `a[0]`, `a.b`)."""
    text = analysis.module.code_for_node(node)
    if isinstance(node, (cst.Name, cst.Call, cst.Subscript, cst.Attribute)) or getattr(node, "lpar", None):
        return text
    return f"({text})"


def add_keepdims(call: cst.Call) -> cst.Call:
    """The reduction call with `keepdims=True` added."""
    args = list(call.args)
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if args:
        args[-1] = args[-1].with_changes(comma=comma)
    keepdims = cst.Arg(
        cst.Name("True"),
        keyword=cst.Name("keepdims"),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    return call.with_changes(args=args + [keepdims])


def event_at(events: Sequence[T], node: cst.CSTNode) -> T | None:
    """The fact recorded at `node`, if any."""
    return next((e for e in events if getattr(e, "node", None) is node), None)


def observed_length(value: Value) -> int | None:
    """The known length of a rank-1 array (what a runtime finding's concrete fix needs)."""
    if isinstance(value, Array) and value.shape.axes and len(value.shape.axes) == 1:
        axis = value.shape.axes[0]
        if isinstance(axis, Known):
            return axis.value
    return None


def declared_only(value: Value) -> bool:
    """Every length of `value` is a name a docstring or annotation gave (`n_samples`), none computed."""
    axes = value.shape.axes if isinstance(value, Array) else None
    return bool(axes) and all(
        isinstance(a, Sym) and isinstance(a.key, tuple) and a.key[:1] == ("declared",) for a in axes or ()
    )
