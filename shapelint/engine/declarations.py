"""Declared shapes in the analysis: parameters, calls and returns (rule SL011's facts).

The declarations themselves come from `shapelint.declared`; this module puts
them into the engine's states. A function analyzed for no call in particular
gets its declared parameters as arrays whose named axes are symbols of the
function (`n_samples`), shared by every parameter. A call binds the names
from its arguments; an argument no declared alternative admits, a return
value that contradicts the Returns section, and an `assert` about shapes that
certainly fails are recorded as `Failure(kind="declared")`.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..declared import Declaration, declarations_of
from ..declared._bind import Bindings, bound_names, instantiate, match, spell
from ..domain import UNKNOWN_SHAPE, Axis, Shape, Sym, Unknown, format_shape
from ..values import Array, Opaque, Tup, Value

State = dict[str, Value]


def _usable(declaration: Declaration) -> bool:
    """The value is certainly something numpy makes an array of (not None, not sparse)."""
    return not declaration.optional and not declaration.sparse


def _value_for(declaration: Declaration, shapes: list[Shape], key: object, name: str) -> Value | None:
    if not _usable(declaration):
        return None
    if declaration.ndarray and len(shapes) == 1:
        return Array(shapes[0])
    if declaration.ndarray and not shapes:
        return Array(UNKNOWN_SHAPE)
    if shapes:
        return Opaque("declared", key=key, name=name, alternatives=tuple(dict.fromkeys(shapes)))
    return None


def _name_axes(shape: Shape, key: object, name: str) -> Shape:
    """Unnamed declared lengths (`2-D array`) become the parameter's own `X.shape[i]` symbols."""
    if shape.axes is None:
        return shape
    return Shape(
        tuple(
            Sym(f"{name}.shape[{i}]", (key, "shape", i)) if isinstance(a, Unknown) else a
            for i, a in enumerate(shape.axes)
        )
    )


def generic_parameters(node: cst.FunctionDef, frame: State) -> Bindings:
    """Give declared parameters their declared shapes (in place); the function's own symbols."""
    declared = declarations_of(node).params
    bindings: Bindings = {}
    if not declared:
        return bindings

    def fresh(axis_name: str) -> Axis:
        return Sym(axis_name, ("declared", id(node), axis_name))

    for name, declaration in declared.items():
        if name not in frame:
            continue
        key = (id(node), name)
        shapes = [_name_axes(instantiate(dims, bindings, fresh), key, name) for dims in declaration.shapes]
        value = _value_for(declaration, shapes, key, name)
        if value is not None:
            frame[name] = value
    return bindings


def _shape_of_argument(value: Value) -> Shape | None:
    return value.shape if isinstance(value, Array) else None


def check_call(node: cst.FunctionDef, frame: State) -> tuple[Bindings, list[tuple[str, Declaration, Value, Bindings]]]:
    """Bind the declared names from the arguments; the arguments no alternative admits."""
    declared = declarations_of(node).params
    bindings: Bindings = {}
    mismatches = []
    for name, declaration in declared.items():
        value = frame.get(name)
        shape = _shape_of_argument(value) if value is not None else None
        if shape is None:
            continue
        bound = match(declaration, shape, bindings)
        if bound is None:
            mismatches.append((name, declaration, value, dict(bindings)))
            continue
        bindings = bound
    return bindings, mismatches


def call_parameters(node: cst.FunctionDef, frame: State, bindings: Bindings) -> None:
    """Declared parameters the caller passed without a known shape get the declared one (in place)."""
    declared = declarations_of(node).params
    if not declared:
        return
    context = tuple(sorted((k, v.key) for k, v in frame.items() if isinstance(v, Opaque) and v.key is not None))

    def fresh(axis_name: str) -> Axis:
        return Sym(axis_name, ("declared", id(node), axis_name, context))

    for name, declaration in declared.items():
        value = frame.get(name)
        if not isinstance(value, Opaque) or value.alternatives:
            continue
        key = value.key if value.key is not None else ("declared", id(node), name, context)
        shapes = [_name_axes(instantiate(dims, bindings, fresh), key, name) for dims in declaration.shapes]
        replacement = _value_for(declaration, shapes, key, value.name or name)
        if replacement is not None:
            frame[name] = replacement


def declared_return(node: cst.FunctionDef, value: Value, bindings: Bindings) -> Value:
    """The declared return value where the body's is not known (a call binds the names)."""
    returns = declarations_of(node).returns
    if not returns or isinstance(value, (Array, Tup)):
        return value

    def fresh(axis_name: str) -> Axis:
        return Unknown("declared return")

    items: list[Value] = []
    for declaration in returns:
        if declaration is None or not declaration.ndarray or not _usable(declaration) or len(declaration.shapes) > 1:
            return value
        shape = instantiate(declaration.shapes[0], dict(bindings), fresh) if declaration.shapes else UNKNOWN_SHAPE
        items.append(Array(shape))
    return items[0] if len(items) == 1 else Tup(tuple(items))


def return_mismatches(node: cst.FunctionDef, value: Value, bindings: Bindings) -> list[tuple[int, Declaration, Array]]:
    """(index of the returned item, its declaration, its value) for each item no alternative admits."""
    returns = declarations_of(node).returns
    if not returns:
        return []
    if len(returns) == 1:
        items: tuple[Value, ...] = (value,)
    elif isinstance(value, Tup) and len(value.items) == len(returns):
        items = value.items
    else:
        return []
    out = []
    for index, (declaration, item) in enumerate(zip(returns, items)):
        if declaration is None or not isinstance(item, Array):
            continue
        if match(declaration, item.shape, bindings) is None:
            out.append((index, declaration, item))
    return out


def describe(declaration: Declaration, value: Array, bindings: Bindings) -> str:
    return f"{format_shape(value.shape)}, declared {spell(declaration)}{bound_names(bindings, declaration)}"


def has_declarations(node: Any) -> bool:
    found = declarations_of(node)
    return bool(found.params or found.returns)
