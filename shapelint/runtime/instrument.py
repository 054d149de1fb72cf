"""Rewrite a module so that the expressions the rules read report what they saw.

Each interesting expression of the user's module (a *site*: a binary
operator, a comparison, a unary operator, `x += y`, a call that may be a
numpy call, `.T`, a subscript, an assignment to names) becomes a call of a
per-site wrapper:

    Z = W @ X + b        ->   Z = __shapelint__[3](__shapelint__[2](W, X), b)

The operands are still evaluated in the user's frame, in the user's order;
the operation itself (`W @ X`) runs inside the wrapper, a one-line lambda
compiled with the user's file name *at the user's line*. That is what keeps
the program's behaviour: a numpy warning raised inside it is attributed to
`train.py:12` with the module's own `__warningregistry__`, `logging` finds
the same file and line, and the frame is named after the enclosing function.
The wrapper passes the operands and the result to a recorder hook and returns
the result unchanged. A failing operation raises from inside its wrapper, so
the traceback has one extra frame whose locals are the operands; the runner
reads them to explain the error and leaves the frame out when it prints the
traceback (`tracebacks.py`).

Line numbers of the rewritten module are those of the original: a rewrite
moves tokens along a line but keeps every newline where it was (the
operator's whitespace becomes a comma's). Columns change, which only
tracebacks' carets see; `tracebacks.py` puts them back for the failing site.

Not rewritten: assignment and `del` targets, annotations (they may be
strings under `from __future__ import annotations`), f-strings (`f"{a.T=}"`
prints its own source), `match` patterns, chained comparisons, calls that
cannot be numpy calls (see `_maybe_numpy_call`) or that inspect their
caller's frame, and `*`-arguments after keywords (their evaluation order
would change).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import partial
from types import CodeType
from typing import Any, Callable, Sequence

import libcst as cst

from ..engine.provenance import AUG_OPERATORS
from ..engine.evaluator import BINARY_SPELLING, BINARY_UFUNCS, COMPARISON_UFUNCS
from ..engine.positions import positions
from ..numpy_api import REGISTRY

# The name of the per-module list of wrappers in an instrumented module's globals.
SITES_NAME = "__shapelint__"

BINARY = "binary"
COMPARE = "compare"
UNARY = "unary"
AUG = "aug"
CALL = "call"
ATTR = "attr"
INDEX = "index"
BIND = "bind"

_UNARY_UFUNCS = {cst.Minus: ("numpy.negative", "-"), cst.Plus: ("numpy.positive", "+"), cst.BitInvert: ("numpy.invert", "~")}
# The in-place function of `operator` that `x op= y` calls, by binary operator.
_INPLACE = {
    cst.Add: "iadd", cst.Subtract: "isub", cst.Multiply: "imul", cst.Divide: "itruediv",
    cst.FloorDivide: "ifloordiv", cst.Modulo: "imod", cst.Power: "ipow", cst.MatrixMultiply: "imatmul",
    cst.BitAnd: "iand", cst.BitOr: "ior", cst.BitXor: "ixor", cst.LeftShift: "ilshift", cst.RightShift: "irshift",
}
_COMPARISON_TEXT = {
    cst.LessThan: "<", cst.LessThanEqual: "<=", cst.GreaterThan: ">", cst.GreaterThanEqual: ">=",
    cst.Equal: "==", cst.NotEqual: "!=",
}

# Attribute names of calls that may be numpy calls: every name the registry
# knows (`np.zeros`, `a.sum`, `rng.normal`), plus creations it does not model
# whose rank-1 results are still origins (`np.loadtxt`).
NUMPY_CALL_NAMES = frozenset(name.rpartition(".")[2] for name in REGISTRY) | frozenset(
    "loadtxt genfromtxt load fromfile frombuffer fromiter fromfunction fromstring asfarray "
    "histogram bincount searchsorted interp polyfit polyval convolve correlate gradient "
    "percentile quantile nanstd nanvar nanmedian nanprod nancumsum argpartition partition "
    "take compress extract select piecewise apply_along_axis vectorize".split()
)
# Modules whose functions look at their caller's frame (`inspect.stack()`,
# `sys._getframe()`): a wrapper frame in between would change what they see.
_FRAME_MODULES = frozenset({"inspect", "sys", "traceback", "warnings", "logging", "builtins", "os", "gc"})
# Sites nested deeper than this inside other sites stay as they are (`a + a + ... + a`).
MAX_NESTING = 50


@dataclass(eq=False)
class Site:
    """One rewritten expression of the user's module and what the recorder needs to know of it.

    `node` and every node named here belong to the original module, the one
    the rules and positions read. `start`/`end` are libcst points (1-based
    row, 0-based column) of `node`.
    """

    kind: str
    node: cst.CSTNode
    start: tuple[int, int] = (0, 0)
    end: tuple[int, int] = (0, 0)
    scope: str = "<module>"
    gid: int = -1
    # The numpy function an operator stands for, and how the rules spell it.
    qualname: str | None = None
    spelling: str | None = None
    # Operands in the wrapper's order: binary/compare/aug (left, right), unary/attr/index (value,).
    operand_nodes: tuple[cst.CSTNode, ...] = ()
    # Calls: (kind, keyword, node) per argument, kind one of "pos", "star", "kw", "dstar".
    args: tuple[tuple[str, str | None, cst.CSTNode], ...] = ()
    # Subscripts: per element ("i",) for an index or ("s", lower?, upper?, step?) for a slice;
    # `single` when the key is that one element (`a[i]`), not a tuple (`a[i,]`, `a[i, j]`).
    key_layout: tuple[tuple[Any, ...], ...] = ()
    single: bool = False
    # Assignments: the plain names bound, and whether they are the items of a flat tuple target.
    targets: tuple[cst.Name | cst.Attribute, ...] = ()
    unpacked: bool = False
    value_node: cst.CSTNode | None = None
    # Assignments: the site nodes inside the assigned value (a rank-1 origin among them is "fresh").
    inner: frozenset[cst.CSTNode] = frozenset()
    attr: str = ""

    @property
    def line(self) -> int:
        return self.start[0]


@dataclass
class Instrumented:
    """A module rewritten for the recorder: its code, its sites, and how to make its wrappers."""

    filename: str
    source: str
    module: cst.Module
    code: CodeType
    sites: list[Site | None]
    wrapper_code: CodeType
    rewritten: str = field(repr=False, default="")

    def wrappers(self, namespace: dict[str, Any], hooks: "Hooks") -> list[Callable[..., Any] | None]:
        """The per-site wrappers, as functions of `namespace` (the module's globals)."""
        make = eval(self.wrapper_code, namespace)  # noqa: S307 - our own generated expression
        made = make(hooks.binary, hooks.unary, hooks.call, hooks.attr, hooks.index, hooks.bind, hooks.aug, operator, partial)
        for site, wrapper in zip(self.sites, made):
            if site is not None and site.kind != BIND and wrapper is not None:
                # The enclosing function's name, as a frame of the user's code would have it.
                wrapper.__code__ = _renamed(wrapper.__code__, site.scope)
        return made


@dataclass(frozen=True)
class Hooks:
    """The recorder's entry points that the wrappers call."""

    binary: Callable[..., Any]
    unary: Callable[..., Any]
    call: Callable[..., Any]
    attr: Callable[..., Any]
    index: Callable[..., Any]
    bind: Callable[..., Any]
    aug: Callable[..., Any]


def _renamed(code: CodeType, name: str) -> CodeType:
    try:
        return code.replace(co_name=name, co_qualname=name)
    except TypeError:  # Python 3.10 has no co_qualname
        return code.replace(co_name=name)


class InstrumentError(Exception):
    """The module cannot be rewritten (libcst cannot parse it); run it as it is."""


# -- which expressions are sites --


def _is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(
        node,
        (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString,
         cst.Lambda, cst.Dict, cst.DictComp, cst.Set, cst.SetComp, cst.List, cst.ListComp, cst.Tuple,
         cst.GeneratorExp, cst.Ellipsis),
    )


def _flat_names(target: cst.BaseExpression) -> tuple[cst.Name, ...] | None:
    """The names of a flat tuple/list target `a, b` (`shapelint shapes` lists them), else None."""
    if isinstance(target, (cst.Tuple, cst.List)):
        names = []
        for element in target.elements:
            if isinstance(element, cst.StarredElement) or not isinstance(element.value, cst.Name):
                return None
            names.append(element.value)
        return tuple(names)
    return None


class _Collector(cst.CSTVisitor):
    """Finds the sites of a module, and the nodes that must stay as they are."""

    def __init__(self) -> None:
        super().__init__()
        self.sites: dict[cst.CSTNode, Site] = {}
        self.frozen: set[cst.CSTNode] = set()
        self.scopes: list[str] = ["<module>"]
        self.numpy_names: set[str] = set()
        self.star_from_numpy = False
        # Bind sites being visited, innermost last: their values' sites are collected into `inner`.
        self.open_binds: list[tuple[Site, set[cst.CSTNode]]] = []
        self.depth = 0  # sites around the node being visited

    # scopes, for the wrappers' frame names

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(node.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.scopes.append("<lambda>")

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.scopes.pop()

    def _comprehension(self, name: str) -> None:
        self.scopes.append(name)

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comprehension("<listcomp>")

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self.scopes.pop()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._comprehension("<setcomp>")

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self.scopes.pop()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._comprehension("<dictcomp>")

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self.scopes.pop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comprehension("<genexpr>")

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self.scopes.pop()

    # what must not change

    def _freeze_tree(self, node: cst.CSTNode) -> None:
        class Freeze(cst.CSTVisitor):
            def on_visit(inner, n: cst.CSTNode) -> bool:  # noqa: N805
                self.frozen.add(n)
                return True

        node.visit(Freeze())

    def _freeze_target(self, target: cst.CSTNode) -> None:
        """A store target itself stays; the loads inside it (`a[i + 1] = v`) may still be sites."""
        self.frozen.add(target)
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._freeze_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._freeze_target(target.value)

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        self._freeze_tree(node)
        return False

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        self._freeze_tree(node)
        return False

    def visit_MatchCase(self, node: cst.CSTNode) -> None:
        self._freeze_tree(node.pattern)  # type: ignore[attr-defined]

    def visit_Del(self, node: cst.Del) -> None:
        self._freeze_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._freeze_target(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._freeze_target(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._freeze_target(node.asname.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.frozen.add(node.target)

    def visit_Decorator(self, node: cst.Decorator) -> None:
        # `@x.sum` is no call of ours, and decorators run once.
        self._freeze_tree(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = _dotted(node.module) if node.module is not None else ""
        if node.relative or not (module == "numpy" or module.startswith("numpy.")):
            return
        if isinstance(node.names, cst.ImportStar):
            self.star_from_numpy = True
            return
        for alias in node.names:
            local = alias.asname.name if alias.asname is not None else alias.name
            if isinstance(local, cst.Name):
                self.numpy_names.add(local.value)

    # sites

    def _add(self, node: cst.CSTNode, site: Site) -> None:
        # Each site nests one call deeper; CPython's parser allows 200 levels of parentheses.
        if node in self.frozen or self.depth >= MAX_NESTING:
            return
        site.scope = self.scopes[-1]
        self.sites[node] = site
        self.depth += 1
        for _, inner in self.open_binds:
            inner.add(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        if original_node in self.sites and self.sites[original_node].kind != BIND:
            self.depth -= 1

    def visit_Assign(self, node: cst.Assign) -> None:
        names: list[cst.Name | cst.Attribute] = []
        unpacked = False
        for target in node.targets:
            self._freeze_target(target.target)
            if isinstance(target.target, cst.Name):
                names.append(target.target)
            elif isinstance(target.target, cst.Attribute):
                # `self.w = np.zeros(n)`: an attribute is bound too (SL001's origins).
                names.append(target.target)
            else:
                flat = _flat_names(target.target)
                if flat is not None and len(node.targets) == 1:
                    names.extend(flat)
                    unpacked = True
        self._open_bind(node, node.value, tuple(names), unpacked)

    def leave_Assign(self, original_node: cst.Assign) -> None:
        self._close_bind(original_node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._freeze_target(node.target)
        if node.value is not None and isinstance(node.target, cst.Name):
            self._open_bind(node, node.value, (node.target,), False)

    def leave_AnnAssign(self, original_node: cst.AnnAssign) -> None:
        self._close_bind(original_node)

    def _open_bind(
        self, statement: cst.CSTNode, value: cst.BaseExpression, names: tuple[cst.Name | cst.Attribute, ...], unpacked: bool
    ) -> None:
        if not names or _is_literal(value) or isinstance(value, cst.Yield):
            return
        site = Site(BIND, statement, targets=names, unpacked=unpacked, value_node=value)
        site.scope = self.scopes[-1]
        self.open_binds.append((site, set()))

    def _close_bind(self, statement: cst.CSTNode) -> None:
        if self.open_binds and self.open_binds[-1][0].node is statement:
            site, inner = self.open_binds.pop()
            site.inner = frozenset(inner)
            if statement not in self.frozen:
                self.sites[statement] = site

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._freeze_target(node.target)
        op = AUG_OPERATORS.get(type(node.operator))
        if isinstance(node.target, cst.Name) and op is not None:
            qualname = "numpy.matmul" if op is cst.MatrixMultiply else BINARY_UFUNCS.get(op)
            self._add(
                node,
                Site(AUG, node, qualname=qualname, spelling=BINARY_SPELLING.get(op), operand_nodes=(node.target, node.value),
                     targets=(node.target,), attr=_INPLACE[op]),
            )

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        op = type(node.operator)
        if isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return  # string formatting and concatenation
        if _is_literal(node.left) and _is_literal(node.right):
            return
        qualname = "numpy.matmul" if op is cst.MatrixMultiply else BINARY_UFUNCS.get(op)
        self._add(node, Site(BINARY, node, qualname=qualname, spelling=BINARY_SPELLING.get(op), operand_nodes=(node.left, node.right)))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1:
            return
        op = type(node.comparisons[0].operator)
        if op not in COMPARISON_UFUNCS:
            return
        self._add(
            node,
            Site(COMPARE, node, qualname=COMPARISON_UFUNCS[op], spelling=op.__name__,
                 operand_nodes=(node.left, node.comparisons[0].comparator), attr=_COMPARISON_TEXT[op]),
        )

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        found = _UNARY_UFUNCS.get(type(node.operator))
        if found is None or _is_literal(node.expression):
            return
        self._add(node, Site(UNARY, node, qualname=found[0], spelling=found[1], operand_nodes=(node.expression,)))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in ("T", "mT"):
            self._add(node, Site(ATTR, node, qualname=f"numpy.ndarray.{node.attr.value}", operand_nodes=(node.value,), attr=node.attr.value))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        layout: list[tuple[Any, ...]] = []
        for element in node.slice:
            item = element.slice
            if isinstance(item, cst.Index):
                if getattr(item, "star", None) is not None:
                    return
                layout.append(("i",))
            elif isinstance(item, cst.Slice):
                layout.append(("s", item.lower is not None, item.upper is not None, item.step is not None))
            else:
                return
        single = len(node.slice) == 1 and node.slice[0].comma is cst.MaybeSentinel.DEFAULT
        self._add(node, Site(INDEX, node, operand_nodes=(node.value,), key_layout=tuple(layout), single=single))

    def visit_Call(self, node: cst.Call) -> None:
        if not self._maybe_numpy_call(node.func):
            return
        specs: list[tuple[str, str | None, cst.CSTNode]] = []
        seen_keyword = False
        for arg in node.args:
            if arg.star == "**":
                specs.append(("dstar", None, arg.value))
                seen_keyword = True
            elif arg.star == "*":
                if seen_keyword:
                    return  # `f(k=1, *a)`: CPython evaluates `a` first; a wrapper would not
                specs.append(("star", None, arg.value))
            elif arg.keyword is not None:
                specs.append(("kw", arg.keyword.value, arg.value))
                seen_keyword = True
            else:
                if seen_keyword:
                    return
                specs.append(("pos", None, arg.value))
        self._add(node, Site(CALL, node, args=tuple(specs)))

    def _maybe_numpy_call(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Attribute):
            if func.attr.value not in NUMPY_CALL_NAMES:
                return False
            base = func.value
            return not (isinstance(base, cst.Name) and base.value in _FRAME_MODULES)
        if isinstance(func, cst.Name):
            if func.value in self.numpy_names:
                return True
            return self.star_from_numpy and func.value in NUMPY_CALL_NAMES
        return False


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


# -- the rewrite --


def _site_ref(index: int) -> cst.Subscript:
    return cst.Subscript(cst.Name(SITES_NAME), [cst.SubscriptElement(cst.Index(cst.Integer(str(index))))])


_SPACE = cst.SimpleWhitespace(" ")
_NONE = cst.SimpleWhitespace("")


class _Rewriter(cst.CSTTransformer):
    def __init__(self, index: dict[cst.CSTNode, int], single_line_only: bool, sites: dict[cst.CSTNode, Site]) -> None:
        super().__init__()
        self.index = index
        self.single_line_only = single_line_only
        self.sites = sites
        self.done: set[cst.CSTNode] = set()

    def _wanted(self, original: cst.CSTNode) -> int | None:
        position = self.index.get(original)
        if position is None:
            return None
        site = self.sites[original]
        if self.single_line_only and site.kind != BIND and site.start[0] != site.end[0]:
            return None
        return position

    def _call(self, original: cst.CSTNode, position: int, args: list[cst.Arg], **changes: Any) -> cst.Call:
        self.done.add(original)
        return cst.Call(
            func=_site_ref(position),
            args=args,
            lpar=getattr(original, "lpar", ()),
            rpar=getattr(original, "rpar", ()),
            **changes,
        )

    def leave_BinaryOperation(self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        op = updated_node.operator
        comma = cst.Comma(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
        return self._call(original_node, position, [cst.Arg(updated_node.left, comma=comma), cst.Arg(updated_node.right)])

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        target = updated_node.comparisons[0]
        op = target.operator
        comma = cst.Comma(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
        return self._call(original_node, position, [cst.Arg(updated_node.left, comma=comma), cst.Arg(target.comparator)])

    def leave_UnaryOperation(self, original_node: cst.UnaryOperation, updated_node: cst.UnaryOperation) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        return self._call(
            original_node, position, [cst.Arg(updated_node.expression)],
            whitespace_before_args=updated_node.operator.whitespace_after,
        )

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        dot = updated_node.dot
        comma = cst.Comma(whitespace_before=dot.whitespace_before, whitespace_after=dot.whitespace_after)
        return self._call(original_node, position, [cst.Arg(updated_node.value, comma=comma)])

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        components: list[cst.BaseExpression] = []
        for element in updated_node.slice:
            item = element.slice
            if isinstance(item, cst.Index):
                components.append(item.value)
            else:
                assert isinstance(item, cst.Slice)
                components.extend(part for part in (item.lower, item.upper, item.step) if part is not None)
        first_comma = cst.Comma(
            whitespace_before=updated_node.whitespace_after_value, whitespace_after=updated_node.lbracket.whitespace_after
        )
        args = [cst.Arg(updated_node.value, comma=first_comma)]
        for i, component in enumerate(components):
            last = i == len(components) - 1
            comma = cst.Comma(whitespace_before=_NONE, whitespace_after=_SPACE) if not last else cst.MaybeSentinel.DEFAULT
            args.append(cst.Arg(component, comma=comma))
        return self._call(original_node, position, args, whitespace_before_args=_NONE)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        position = self._wanted(original_node)
        if position is None:
            return updated_node
        first = cst.Comma(whitespace_before=updated_node.whitespace_after_func, whitespace_after=updated_node.whitespace_before_args)
        args = [cst.Arg(updated_node.func, comma=first if updated_node.args else cst.MaybeSentinel.DEFAULT)]
        for arg in updated_node.args:
            args.append(cst.Arg(arg.value, comma=arg.comma, whitespace_after_arg=arg.whitespace_after_arg))
        return self._call(original_node, position, args)

    def _bind(self, original: cst.CSTNode, value: cst.BaseExpression) -> cst.BaseExpression | None:
        position = self._wanted(original)
        if position is None:
            return None
        self.done.add(original)
        return cst.Call(func=_site_ref(position), args=[cst.Arg(value)])

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        wrapped = self._bind(original_node, updated_node.value)
        return updated_node if wrapped is None else updated_node.with_changes(value=wrapped)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.AnnAssign:
        if updated_node.value is None:
            return updated_node
        wrapped = self._bind(original_node, updated_node.value)
        return updated_node if wrapped is None else updated_node.with_changes(value=wrapped)

    def leave_AugAssign(self, original_node: cst.AugAssign, updated_node: cst.AugAssign) -> cst.BaseSmallStatement:
        position = self._wanted(original_node)
        if position is None or not isinstance(updated_node.target, cst.Name):
            return updated_node
        op = updated_node.operator
        self.done.add(original_node)
        # `x op= y` on a name is `x = operator.iop(x, y)`: `x` read once, then `y`, then stored.
        call = cst.Call(
            func=_site_ref(position),
            args=[cst.Arg(cst.Name(updated_node.target.value), comma=cst.Comma(whitespace_after=_SPACE)), cst.Arg(updated_node.value)],
        )
        return cst.Assign(
            targets=[cst.AssignTarget(updated_node.target, whitespace_before_equal=op.whitespace_before, whitespace_after_equal=op.whitespace_after)],
            value=call,
            semicolon=updated_node.semicolon,
        )


# -- the wrappers --


def _wrapper_text(site: Site) -> str:
    """The source of one site's wrapper, an expression of the hooks' short names."""
    g = site.gid
    hide = "__tracebackhide__=True"  # pytest leaves these frames out of its tracebacks
    if site.kind in (BINARY, COMPARE):
        op = site.attr if site.kind == COMPARE else site.spelling
        return f"lambda __l, __r, {hide}: __b({g}, __l, __r, __l {op} __r)"
    if site.kind == AUG:
        return f"lambda __l, __r, {hide}: __g({g}, __l, __r, __op.{site.attr}(__l, __r))"
    if site.kind == UNARY:
        return f"lambda __o, {hide}: __u({g}, __o, {site.spelling}__o)"
    if site.kind == ATTR:
        return f"lambda __o, {hide}: __t({g}, __o, __o.{site.attr})"
    if site.kind == INDEX:
        params, parts, n = [], [], 0
        for entry in site.key_layout:
            if entry[0] == "i":
                params.append(f"__{n}")
                parts.append(f"__{n}")
                n += 1
            else:
                bounds = []
                for present in entry[1:]:
                    if present:
                        params.append(f"__{n}")
                        bounds.append(f"__{n}")
                        n += 1
                    else:
                        bounds.append("")
                parts.append(":".join(bounds) if entry[3] else ":".join(bounds[:2]))
        key = ", ".join(parts) + ("," if len(parts) == 1 and not site.single else "")
        head = ", ".join(["__o", *params])
        comps = "(" + "".join(f"{p}, " for p in params) + ")"
        return f"lambda {head}, {hide}: __i({g}, __o, {comps}, __o[{key}])"
    if site.kind == CALL:
        params = [f"__{i}" for i in range(len(site.args))]
        written = []
        for name, (kind, keyword, _) in zip(params, site.args):
            written.append({"pos": name, "star": f"*{name}", "kw": f"{keyword}={name}", "dstar": f"**{name}"}[kind])
        head = ", ".join(["__f", *params])
        values = "(" + "".join(f"{p}, " for p in params) + ")"
        return f"lambda {head}, /, {hide}: __c({g}, __f, {values}, __f({', '.join(written)}))"
    assert site.kind == BIND
    return f"__P(__a, {g})"


def _wrapper_source(sites: Sequence[Site | None], lines: Sequence[int], line_count: int) -> str:
    """One expression that makes every wrapper, each written on its site's own line."""
    rows = [""] * max(line_count, max(lines, default=1))
    rows[0] = "(lambda __b, __u, __c, __t, __i, __a, __g, __op, __P: ["
    for site, line in zip(sites, lines):
        rows[line - 1] += (_wrapper_text(site) if site is not None else "None") + ", "
    rows[-1] += "])"
    return "\n".join(rows) + "\n"


def instrument(source: str, filename: str, first_gid: int, module: cst.Module | None = None) -> Instrumented:
    """Rewrite `source` (of `filename`); site ids are numbered from `first_gid`.

    Raises InstrumentError if libcst cannot parse the module, and SyntaxError
    if Python cannot compile it (as running it would).
    """
    if module is None:
        try:
            module = cst.parse_module(source)
        except (cst.ParserSyntaxError, RecursionError) as exc:
            raise InstrumentError(str(exc)) from None
    collector = _Collector()
    module.visit(collector)
    found = collector.sites
    where = positions(module, list(found))
    ordered = []
    for node, site in found.items():
        span = where.get(node)
        if span is None:
            continue
        site.start, site.end = span
        ordered.append(site)
    ordered.sort(key=lambda s: (s.start, s.end))
    line_count = source.count("\n") + 1
    for single_line_only in (False, True):
        index = {site.node: i for i, site in enumerate(ordered)}
        rewriter = _Rewriter(index, single_line_only, found)
        rewritten = module.visit(rewriter).code
        if rewritten.count("\n") == module.code.count("\n"):
            break
    else:  # pragma: no cover - the single-line rewrite keeps every newline
        raise InstrumentError("the rewrite would move lines")
    kept: list[Site | None] = [site if site.node in rewriter.done else None for site in ordered]
    for i, site in enumerate(kept):
        if site is not None:
            site.gid = first_gid + i
    code = compile(rewritten, filename, "exec", dont_inherit=True)
    wrapper_source = _wrapper_source(kept, [s.line for s in ordered], line_count)
    wrapper_code = compile(wrapper_source, filename, "eval", dont_inherit=True)
    return Instrumented(filename, source, module, code, kept, wrapper_code, rewritten)


__all__ = ["Hooks", "Instrumented", "InstrumentError", "Site", "SITES_NAME", "instrument"]
