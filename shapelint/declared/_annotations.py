"""Type annotations that declare shapes: jaxtyping and numpy typing, read from the syntax tree.

    x: Float[np.ndarray, "batch 1"]                  # jaxtyping
    x: np.ndarray[tuple[int, int], np.dtype[Any]]     # numpy typing: rank 2
    x: np.ndarray[tuple[Literal[3], Literal[4]], Any] # (3, 4)
    x: npt.NDArray[np.float64]                        # an array, shape unknown
    x: Float[np.ndarray, "n"] | None                  # may be None

Nothing is imported: jaxtyping's dtype names (`Float`, `Int`, `Shaped`, ...)
and numpy's spellings are matched by their last dotted part. A string
annotation is parsed as an expression first.
"""

from __future__ import annotations

import libcst as cst

from ._dims import parse_jaxtyping
from ._spec import AnyAxes, AnyLength, Declaration, Dim, Fixed

JAXTYPING_DTYPES = frozenset(
    "Shaped Bool Num Inexact Real Float Complex Integer UInt Int Key BFloat16 Float8 Float16 Float32 Float64 "
    "Complex64 Complex128 Int4 Int8 Int16 Int32 Int64 UInt4 UInt8 UInt16 UInt32 UInt64".split()
)
_NDARRAY = frozenset({"ndarray", "NDArray", "ArrayLike"})


def _last(node: cst.BaseExpression | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return ""


def _subscript_items(node: cst.Subscript) -> list[cst.BaseExpression | None]:
    items: list[cst.BaseExpression | None] = []
    for element in node.slice:
        items.append(element.slice.value if isinstance(element.slice, cst.Index) else None)
    return items


Aliases = dict[str, cst.BaseExpression]


def type_aliases(module: cst.Module) -> Aliases:
    """Module-level aliases of array types: `M3x4 = np.ndarray[...]`, `M3x4: TypeAlias = ...`."""
    found: Aliases = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None and _last(small.annotation.annotation) == "TypeAlias":
                target, value = small.target, small.value
            else:
                continue
            if isinstance(target, cst.Name) and isinstance(value, cst.Subscript):
                # Bound twice: which one an annotation means is not known.
                found[target.value] = value if target.value not in found else cst.Name("object")
    return found


def parse_annotation(node: cst.BaseExpression, aliases: Aliases | None = None, depth: int = 0) -> Declaration | None:
    """The declaration an annotation makes, or None; `aliases` are the module's type aliases."""
    if isinstance(node, cst.Name) and aliases and node.value in aliases and depth < 8:
        return parse_annotation(aliases[node.value], aliases, depth + 1)
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            text = node.evaluated_value
            return parse_annotation(cst.parse_expression(text), aliases, depth + 1) if isinstance(text, str) else None
        except Exception:
            return None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        # `X | None`
        sides = [node.left, node.right]
        nones = [s for s in sides if isinstance(s, cst.Name) and s.value == "None"]
        if len(nones) == 1:
            inner = parse_annotation(next(s for s in sides if s not in nones), aliases, depth + 1)
            return _optional(inner)
        return None
    if isinstance(node, cst.Subscript):
        head = _last(node.value)
        items = _subscript_items(node)
        if head == "Optional" and len(items) == 1 and items[0] is not None:
            return _optional(parse_annotation(items[0], aliases, depth + 1))
        if head in JAXTYPING_DTYPES and len(items) == 2:
            spec = items[1]
            if isinstance(spec, (cst.SimpleString, cst.ConcatenatedString)):
                text = spec.evaluated_value
                dims = parse_jaxtyping(text) if isinstance(text, str) else None
                if dims is not None and _last(items[0]) in ("ndarray", "Array", "NDArray"):
                    return Declaration((dims,))
            return None
        if head == "ndarray" and items:
            dims = _numpy_shape(items[0])
            return Declaration((dims,) if dims is not None else ())
        if head == "NDArray":
            return Declaration(())
        return None
    if _last(node) in ("ndarray", "NDArray"):
        return Declaration(())
    return None


def _optional(inner: Declaration | None) -> Declaration | None:
    if inner is None:
        return None
    return Declaration(inner.shapes, ndarray=False, sparse=inner.sparse, optional=True)


def _numpy_shape(node: cst.BaseExpression | None) -> tuple[Dim, ...] | None:
    """`tuple[int, int]`, `tuple[Literal[3], int]`, `tuple[int, ...]`; None for `Any` or anything else."""
    if not isinstance(node, cst.Subscript) or _last(node.value) not in ("tuple", "Tuple"):
        return None
    dims: list[Dim] = []
    for item in _subscript_items(node):
        if isinstance(item, cst.Ellipsis):
            if not dims:
                return None
            dims[-1:] = [AnyAxes()]
            continue
        if isinstance(item, cst.Tuple) and not item.elements:
            continue  # tuple[()]: a 0-d array
        if isinstance(item, cst.Subscript) and _last(item.value) == "Literal":
            values = _subscript_items(item)
            if len(values) == 1 and isinstance(values[0], cst.Integer):
                dims.append(Fixed(int(values[0].value)))
                continue
            dims.append(AnyLength())
            continue
        if _last(item) == "int" if item is not None else False:
            dims.append(AnyLength())
            continue
        return None
    return tuple(dims)
