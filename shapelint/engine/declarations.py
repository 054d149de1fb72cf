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

from ..declared import NOTHING, Declaration, class_declarations, declarations_of
from ..declared._bind import Bindings, bound_names, instantiate, match, spell
from ..domain import UNKNOWN_SHAPE, Axis, Known, Shape, Sym, Unknown, format_shape
from ..values import Array, Int, Opaque, PyFloat, Tup, Value

State = dict[str, Value]


def _usable(declaration: Declaration) -> bool:
    """The value is certainly something numpy makes an array of (not None, not sparse)."""
    return not declaration.optional and not declaration.sparse


def _value_for(declaration: Declaration, shapes: list[Shape], key: object, name: str) -> Value | None:
    if not _usable(declaration):
        return None
    if declaration.ndarray and len(shapes) == 1:
        # The parameter is one array: its reductions meet it again (`X / X.sum(axis=1)`, SL007).
        return Array(shapes[0], root=key)
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


def generic_parameters(node: cst.FunctionDef, frame: State, owner: cst.CSTNode | None = None) -> Bindings:
    """Give declared parameters their declared shapes (in place); the function's own symbols.

    An `__init__` without declarations of its own takes its class's (numpydoc
    documents a class's parameters in the class docstring).
    """
    declarations = declarations_of(node)
    if declarations is NOTHING and node.name.value == "__init__" and isinstance(owner, cst.ClassDef):
        declarations = class_declarations(owner)
    declared = declarations.params
    bindings: Bindings = {}
    for name, number in declarations.scalars.items():
        if isinstance(frame.get(name), Opaque) and name not in declared:
            # A declared int is a length named after the parameter (`np.zeros(n)` is (n,)).
            frame[name] = Int(Sym(name, (id(node), name))) if number == "int" else PyFloat()
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


_RESHAPING = frozenset({"ndim", "reshape", "ravel", "flatten", "squeeze", "atleast_1d", "atleast_2d", "atleast_3d"})
_NORMALIZED: dict[int, tuple[cst.FunctionDef, frozenset[str]]] = {}


def normalized_parameters(node: cst.FunctionDef, module: cst.Module | None = None, _seen: frozenset = frozenset()) -> frozenset[str]:
    """Names the body reshapes or tests the rank of (`X.ndim`, `X.reshape(...)`, `np.atleast_2d(X)`).

    Such a function takes other ranks than it declares (`if O.ndim == 1: O =
    O.reshape(1, -1)` under `O : ndarray of shape (1, T)`), so an argument of
    another rank is no contradiction there. A parameter passed on to a
    function of `module` that normalizes it counts too.
    """
    cached = _NORMALIZED.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    found: set[str] = set()

    class Visit(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> None:
            if isinstance(attribute.value, cst.Name) and attribute.attr.value in _RESHAPING | {"shape"}:
                found.add(attribute.value.value)

        def visit_Call(self, call: cst.Call) -> None:
            callee = call.func
            name = callee.attr.value if isinstance(callee, cst.Attribute) else callee.value if isinstance(callee, cst.Name) else ""
            if name in _RESHAPING and call.args and isinstance(call.args[0].value, cst.Name):
                found.add(call.args[0].value.value)
            callee_def = _module_function(module, name) if isinstance(callee, cst.Name) else None
            if callee_def is not None and callee_def not in _seen:
                inner = normalized_parameters(callee_def, module, _seen | {node})
                params = [p.name.value for p in list(callee_def.params.posonly_params) + list(callee_def.params.params)]
                for position, arg in enumerate(call.args):
                    target = arg.keyword.value if arg.keyword is not None else params[position] if position < len(params) else None
                    if isinstance(arg.value, cst.Name) and target in inner:
                        found.add(arg.value.value)

    node.body.visit(Visit())
    result = frozenset(found)
    if len(_NORMALIZED) > 20000:
        _NORMALIZED.clear()
    if len(_NORMALIZED) >= 20_000:  # bounded: the nodes it keeps alive would otherwise pile up
        _NORMALIZED.clear()
    _NORMALIZED[id(node)] = (node, result)
    return result


def _module_function(module: cst.Module | None, name: str) -> cst.FunctionDef | None:
    if module is None:
        return None
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement
    return None


def check_call(node: cst.FunctionDef, frame: State, module: cst.Module | None = None) -> tuple[Bindings, list[tuple[str, Declaration, Value, Bindings]]]:
    """Bind the declared names from the arguments; the arguments no alternative admits.

    An argument of another rank is not reported where the body adapts that
    parameter's rank or reads its shape (`normalized_parameters`).
    """
    declared = declarations_of(node).params
    bindings: Bindings = {}
    mismatches: list[tuple[str, Declaration, Value, Bindings]] = []
    for name, declaration in declared.items():
        value = frame.get(name)
        shape = _shape_of_argument(value) if value is not None else None
        if value is None or shape is None:
            continue
        bound = match(declaration, shape, bindings)
        if bound is None:
            if shape.rank is not None and all(len(d) != shape.rank for d in declaration.shapes):
                if name in normalized_parameters(node, module):
                    continue
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
        if isinstance(value, Array):
            frame[name] = _refined(value, declaration, bindings, fresh)
            continue
        if not isinstance(value, Opaque) or value.alternatives:
            continue
        key = value.key if value.key is not None else ("declared", id(node), name, context)
        shapes = [_name_axes(instantiate(dims, bindings, fresh), key, name) for dims in declaration.shapes]
        replacement = _value_for(declaration, shapes, key, value.name or name)
        if replacement is not None:
            frame[name] = replacement


def _refined(value: Array, declaration: Declaration, bindings: Bindings, fresh: Any) -> Array:
    """An argument whose shape is partly unknown, completed by the declaration it must meet."""
    if len(declaration.shapes) != 1 or not _usable(declaration):
        return value
    declared = instantiate(declaration.shapes[0], dict(bindings), fresh)
    if declared.axes is None:
        return value
    axes = value.shape.axes
    if axes is None:
        return Array(declared, value.dtype) if declaration.ndarray else value
    if len(axes) != len(declared.axes):
        return value
    better = tuple(d if isinstance(a, Unknown) and not isinstance(d, Unknown) else a for a, d in zip(axes, declared.axes))
    return value if better == axes else Array(Shape(better), value.dtype)


def declared_return(node: cst.FunctionDef, value: Value, bindings: Bindings) -> Value:
    """The declared return value where the body's is not known (a call binds the names)."""
    returns = declarations_of(node).returns
    if len(returns) != 1 or isinstance(value, (Array, Tup)):
        # Several Returns entries are not always listed in the order the tuple has.
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
    if len(returns) != 1:
        # Several Returns entries are not always listed in the order of the tuple
        # (scikit-learn's `_kmeans_single_lloyd`): no item is compared.
        return []
    declaration = returns[0]
    if declaration is None or not isinstance(value, Array) or _empty(value.shape):
        return []
    if match(declaration, value.shape, bindings) is None:
        return [(0, declaration, value)]
    return []


def _empty(shape: Shape) -> bool:
    """An array with no elements (`np.array([])` returned on a guard): its rank says little."""
    return shape.axes is not None and any(isinstance(a, Known) and a.value == 0 for a in shape.axes)


def describe(declaration: Declaration, value: Array, bindings: Bindings) -> str:
    return f"{format_shape(value.shape)}, declared {spell(declaration)}{bound_names(bindings, declaration)}"


def has_declarations(node: Any) -> bool:
    found = declarations_of(node)
    return bool(found.params or found.returns)
