"""Declared shapes against inferred ones: binding named axes, instantiating, contradicting.

Named axes are bound per analysis context: in a function analyzed for no
call in particular every name is a symbol of that function (`n_samples`),
in a call the arguments bind them (`n_samples = 3`). A value contradicts a
declaration only if *no* alternative admits it: a rank no alternative has,
or a length certainly different from the one the alternative's names are
bound to. Unknown lengths and ranks never contradict anything.
"""

from __future__ import annotations

import ast
from typing import Callable

from ..domain import UNKNOWN_AXIS, UNKNOWN_SHAPE, Axis, Known, Shape, Unknown, arith, declared_apart, same_length
from ._spec import AnyAxes, AnyLength, Broadcastable, Computed, Declaration, Dim, Fixed, Named

Bindings = dict[str, Axis]
_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "//"}


def computed(text: str, bindings: Bindings) -> Axis:
    """`n+1` with `n` bound; unknown if a name is not bound or the expression is not int arithmetic."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        return UNKNOWN_AXIS

    def value(node: ast.AST) -> Axis:
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return Known(node.value)
        if isinstance(node, ast.Name):
            return bindings.get(node.id, UNKNOWN_AXIS)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return arith(_OPS[type(node.op)], value(node.left), value(node.right))
        return Unknown("declared expression")

    return value(tree)


def instantiate(dims: tuple[Dim, ...], bindings: Bindings, fresh: Callable[[str], Axis]) -> Shape:
    """The shape a declaration stands for; names not bound yet get `fresh(name)` (and are bound)."""
    if any(isinstance(d, AnyAxes) for d in dims):
        return UNKNOWN_SHAPE
    axes: list[Axis] = []
    for dim in dims:
        if isinstance(dim, Fixed):
            axes.append(Known(dim.value))
        elif isinstance(dim, Named):
            if dim.name not in bindings:
                bindings[dim.name] = fresh(dim.name)
            axes.append(bindings[dim.name])
        elif isinstance(dim, Computed):
            axes.append(computed(dim.text, bindings))
        else:
            axes.append(UNKNOWN_AXIS)
    return Shape(tuple(axes))


def _unify_axis(dim: Dim, axis: Axis, bindings: Bindings) -> bool:
    if isinstance(dim, Fixed):
        return same_length(Known(dim.value), axis) is not False
    if isinstance(dim, Named):
        bound = bindings.get(dim.name)
        if bound is None:
            if not isinstance(axis, Unknown):
                bindings[dim.name] = axis
            return True
        return same_length(bound, axis) is not False and not declared_apart(bound, axis)
    if isinstance(dim, Broadcastable):
        if isinstance(axis, Known) and axis.value == 1:
            return True
        bound = bindings.get(dim.name)
        if bound is None:
            return True
        return same_length(bound, axis) is not False or same_length(bound, Known(1)) is True
    if isinstance(dim, Computed):
        return same_length(computed(dim.text, bindings), axis) is not False
    return True


def unify(dims: tuple[Dim, ...], shape: Shape, bindings: Bindings) -> Bindings | None:
    """The bindings extended so that `shape` fits `dims`, or None if it certainly does not fit."""
    if shape.axes is None:
        return dict(bindings)
    out = dict(bindings)
    variadic = [i for i, d in enumerate(dims) if isinstance(d, AnyAxes)]
    if variadic:
        if len(variadic) > 1:
            return out
        cut = variadic[0]
        before, after = dims[:cut], dims[cut + 1 :]
        if len(shape.axes) < len(before) + len(after):
            return None
        pairs = list(zip(before, shape.axes)) + list(zip(after, shape.axes[len(shape.axes) - len(after) :]))
    else:
        if len(dims) != len(shape.axes):
            return None
        pairs = list(zip(dims, shape.axes))
    # Named axes first, so that `n+1` is checked against what `n` is bound to here.
    pairs.sort(key=lambda pair: isinstance(pair[0], Computed))
    for dim, axis in pairs:
        if not _unify_axis(dim, axis, out):
            return None
    return out


def match(declaration: Declaration, shape: Shape, bindings: Bindings) -> Bindings | None:
    """Bindings under which `shape` is one of the declared alternatives, or None if it is none of them.

    With several alternatives admitting the shape, only the names they all bind alike are bound.
    """
    if not declaration.shapes:
        return dict(bindings)
    fits = [b for b in (unify(dims, shape, bindings) for dims in declaration.shapes) if b is not None]
    if not fits:
        return None
    if len(fits) == 1:
        return fits[0]
    common = dict(bindings)
    for name, axis in fits[0].items():
        if name not in common and all(same_length(f.get(name, UNKNOWN_AXIS), axis) for f in fits[1:]):
            common[name] = axis
    return common


def spell(declaration: Declaration) -> str:
    """The declared alternatives as the code wrote them: `(n_samples, n_features)`."""
    return " or ".join(_spell_dims(dims) for dims in declaration.shapes) or "an array"


def _spell_dims(dims: tuple[Dim, ...]) -> str:
    words = []
    for dim in dims:
        if isinstance(dim, Fixed):
            words.append(str(dim.value))
        elif isinstance(dim, Named):
            words.append(dim.name)
        elif isinstance(dim, Computed):
            words.append(dim.text)
        elif isinstance(dim, Broadcastable):
            words.append("#" + dim.name)
        elif isinstance(dim, AnyAxes):
            words.append("...")
        else:
            words.append("_")
    if len(words) == 1:
        return f"({words[0]},)"
    return "(" + ", ".join(words) + ")"


def bound_names(bindings: Bindings, declaration: Declaration) -> str:
    """`where n_samples=3` for the names the declaration uses and the context bound to known lengths."""
    names = []
    for dims in declaration.shapes:
        for dim in dims:
            if isinstance(dim, (Named, Broadcastable)) and isinstance(bindings.get(dim.name), Known):
                text = f"{dim.name}={bindings[dim.name]}"
                if text not in names:
                    names.append(text)
    return f" where {', '.join(names)}" if names else ""
