"""The expression evaluator: the abstract value of one expression in one state.

Dispatch is a dict on the node's type, and each handler reads the fields it
needs directly: a generic visitor over every node costs more than parsing
(see positions.py for the measurement). What the rules need is recorded in
the module's `Analysis` as the evaluation goes, but only when `recording` is
on: loop bodies are first run silently until their state is stable.

The evaluator never guesses: an expression it does not understand is UNKNOWN.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

import libcst as cst

from ..domain import SCALAR, UNKNOWN_AXIS, UNKNOWN_SHAPE, Known, Sym, Unknown, arith
from ..numpy_api import REGISTRY, CallArgs, ShapeError, index_result
from ..numpy_api._args import may_be_length
from ..numpy_api._creation import FINFO_SCALARS
from ..values import (
    ELLIPSIS,
    NONE,
    UNKNOWN,
    Array,
    BoundMethod,
    Class,
    Const,
    Function,
    Instance,
    Int,
    Lst,
    Method,
    ModuleRef,
    Opaque,
    PyFloat,
    RandomGen,
    Range,
    Ref,
    SliceV,
    Tup,
    Value,
    Dct,
    ShapeOf,
    int_of,
    join,
)
from .facts import BROADCASTING, PRODUCTS, TRANSPOSES, Operand
from .provenance import data_inputs, with_provenance

if TYPE_CHECKING:
    from .walker import Walker

BINARY_UFUNCS = {
    cst.Add: "numpy.add",
    cst.Subtract: "numpy.subtract",
    cst.Multiply: "numpy.multiply",
    cst.Divide: "numpy.true_divide",
    cst.FloorDivide: "numpy.floor_divide",
    cst.Modulo: "numpy.remainder",
    cst.Power: "numpy.power",
    cst.BitAnd: "numpy.bitwise_and",
    cst.BitOr: "numpy.bitwise_or",
    cst.BitXor: "numpy.bitwise_xor",
    cst.LeftShift: "numpy.left_shift",
    cst.RightShift: "numpy.right_shift",
}
BINARY_SPELLING = {
    cst.Add: "+",
    cst.Subtract: "-",
    cst.Multiply: "*",
    cst.Divide: "/",
    cst.FloorDivide: "//",
    cst.Modulo: "%",
    cst.Power: "**",
    cst.BitAnd: "&",
    cst.BitOr: "|",
    cst.BitXor: "^",
    cst.LeftShift: "<<",
    cst.RightShift: ">>",
    cst.MatrixMultiply: "@",
}
COMPARISON_UFUNCS = {
    cst.LessThan: "numpy.less",
    cst.LessThanEqual: "numpy.less_equal",
    cst.GreaterThan: "numpy.greater",
    cst.GreaterThanEqual: "numpy.greater_equal",
    cst.Equal: "numpy.equal",
    cst.NotEqual: "numpy.not_equal",
}
_INT_OPS = {cst.Add: "+", cst.Subtract: "-", cst.Multiply: "*", cst.FloorDivide: "//", cst.Modulo: "%", cst.Power: "**"}


# numpy's constants are Python floats (checked against numpy in tests/numpy_api/test_dtypes.py).
NUMPY_CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan, "euler_gamma": 0.5772156649015329}
NUMPY_ALIASES = {
    "numpy.random.mtrand": "numpy.random",
    "numpy.core": "numpy",
    "numpy._core": "numpy",
    "numpy.matlib": "numpy",
    "numpy.linalg.linalg": "numpy.linalg",
}
class Evaluator:
    """Evaluates expressions for one walker (one function body in one context)."""

    def __init__(self, walker: "Walker") -> None:
        self.walker = walker
        self.analysis = walker.info.analysis
        self.fresh_origins: set[cst.CSTNode] = set()
        self._dispatch: dict[type, Callable[[Any], Value]] = {
            cst.Name: self._name,
            cst.Attribute: self._attribute,
            cst.Call: self._call,
            cst.BinaryOperation: self._binary,
            cst.UnaryOperation: self._unary,
            cst.Comparison: self._comparison,
            cst.Subscript: self._subscript,
            cst.Integer: self._integer,
            cst.Float: lambda n: Const(n.evaluated_value),
            cst.Imaginary: lambda n: PyFloat(),
            cst.SimpleString: self._string,
            cst.ConcatenatedString: self._concatenated,
            cst.FormattedString: lambda n: Const("<f-string>"),
            cst.Tuple: self._tuple,
            cst.List: self._list,
            cst.Dict: self._dict,
            cst.Ellipsis: lambda n: ELLIPSIS,
            cst.IfExp: self._ifexp,
            cst.NamedExpr: self._named,
            cst.BooleanOperation: self._boolean,
            cst.Yield: self._yield,
            cst.Await: self._await,
            cst.ListComp: self._comprehension,
            cst.SetComp: self._comprehension,
            cst.GeneratorExp: self._comprehension,
            cst.DictComp: self._comprehension,
        }

    # -- entry --

    def eval(self, node: cst.BaseExpression) -> Value:
        handler = self._dispatch.get(type(node))
        if handler is None:
            return UNKNOWN
        value = handler(node)
        if isinstance(value, Array) and self.walker.recording:
            self.analysis.record_value(node, value)
        return value

    def eval_safe(self, node: cst.BaseExpression) -> Value:
        """Evaluate where a list or dict is only read, so it does not escape."""
        if isinstance(node, cst.Name):
            value = self.walker.lookup(node.value)
            if isinstance(value, Array) and self.walker.recording:
                self.analysis.record_value(node, value)
            return value
        return self.eval(node)

    # -- rank-1 origins --

    def _mark(self, node: cst.CSTNode, result: Value, inputs: list[Value], qualname: str | None = None) -> Value:
        """Give the result its provenance (provenance.with_provenance), noting fresh rank-1 origins for SL001."""
        result, fresh = with_provenance(node, qualname, result, inputs)
        if fresh:
            self.fresh_origins.add(node)
        return result

    # -- leaves --

    def _name(self, node: cst.Name) -> Value:
        value = self.walker.lookup(node.value)
        if isinstance(value, (Lst, Dct)):
            # Bound elsewhere, a list or dict may be changed behind our back.
            self.walker.escape(node.value, value)
            return _degraded(value)
        return value

    def _integer(self, node: cst.Integer) -> Value:
        return Int(Known(node.evaluated_value))

    def _string(self, node: cst.SimpleString) -> Value:
        try:
            return Const(node.evaluated_value)
        except Exception:
            return UNKNOWN

    def _concatenated(self, node: cst.ConcatenatedString) -> Value:
        try:
            value = node.evaluated_value
        except Exception:
            return UNKNOWN
        return Const(value) if value is not None else UNKNOWN

    def _items(self, elements: Any, safe: bool = False) -> tuple[Value, ...] | None:
        # A tuple of names (`return A2, cache`) only passes its items on; a
        # list or dict literal would hold a second reference to them.
        evaluate = self.eval_safe if safe else self.eval
        items: list[Value] = []
        for element in elements:
            if isinstance(element, cst.StarredElement):
                inner = self.eval(element.value)
                if isinstance(inner, (Tup, Lst)) and inner.items is not None:
                    items.extend(inner.items)
                    continue
                return None
            items.append(evaluate(element.value))
        return tuple(items)

    def _tuple(self, node: cst.Tuple) -> Value:
        items = self._items(node.elements, safe=True)
        return UNKNOWN if items is None else Tup(items)

    def _list(self, node: cst.List) -> Value:
        return Lst(self._items(node.elements))

    def _dict(self, node: cst.Dict) -> Value:
        entries: list[tuple[Any, Value]] = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return UNKNOWN
            key = self.eval(element.key)
            value = self.eval(element.value)
            if not isinstance(key, Const) or not isinstance(key.value, str):
                return UNKNOWN
            entries = [(k, v) for k, v in entries if k != key.value] + [(key.value, value)]
        return Dct(tuple(entries))

    def _ifexp(self, node: cst.IfExp) -> Value:
        from ..values import join

        self.eval(node.test)
        return join(self.eval(node.body), self.eval(node.orelse))

    def _named(self, node: cst.NamedExpr) -> Value:
        value = self.eval(node.value)
        if isinstance(node.target, cst.Name):
            self.walker.bind_name(node.target.value, value)
        return value

    def _comprehension(self, node: Any) -> Value:
        """The body of `[f(row) for row in X]` sees one row; every row has the same shape."""
        from .walker import element_of, target_names

        walker = self.walker
        if walker.state is None:
            return UNKNOWN
        bound: dict[str, Value | None] = {}
        for_in = node.for_in
        while for_in is not None:
            element = element_of(self.eval_safe(for_in.iter))
            for name in target_names(for_in.target):
                bound.setdefault(name, walker.state.get(name) if walker.state is not None else None)
            walker.assign(for_in.target, element, None, flat=False)
            for condition in for_in.ifs:
                self.eval(condition.test)
            for_in = for_in.inner_for_in
        if isinstance(node, cst.DictComp):
            self.eval(node.key)
            self.eval(node.value)
        else:
            self.eval(node.elt)
        # The loop variables are the comprehension's own: the enclosing names are back.
        if walker.state is not None:
            for name, old in bound.items():
                if old is None:
                    walker.state.pop(name, None)
                else:
                    walker.state[name] = old
        return Lst(None) if isinstance(node, cst.ListComp) else UNKNOWN

    def _yield(self, node: cst.Yield) -> Value:
        # A function that yields returns a generator, whatever its `return` says.
        self.walker.yields = True
        if isinstance(node.value, cst.BaseExpression):
            self.eval(node.value)
        return UNKNOWN

    def _await(self, node: cst.Await) -> Value:
        self.eval(node.expression)
        return UNKNOWN

    def _boolean(self, node: cst.BooleanOperation) -> Value:
        self.eval(node.left)
        self.eval(node.right)
        return UNKNOWN

    # -- attributes --

    def _attribute(self, node: cst.Attribute) -> Value:
        base = self.eval_safe(node.value)
        attr = node.attr.value
        if isinstance(base, (Lst, Dct)) and attr not in _READING_METHODS:
            # `xs.append(...)`, `d.update(...)`: the container changes here.
            if isinstance(node.value, cst.Name):
                self.walker.escape(node.value.value, base)
            return UNKNOWN
        return self.attribute_of(base, attr, node)

    def attribute_of(self, base: Value, attr: str, node: cst.CSTNode) -> Value:
        if isinstance(base, Ref):
            return _numpy_attribute(base.qualname, attr)
        if isinstance(base, ModuleRef):
            importer = self.walker.info.importer
            return importer(base.name, attr, 0) if importer is not None else UNKNOWN
        if isinstance(base, Array):
            return self._array_attribute(base, attr, node)
        if isinstance(base, RandomGen):
            return Method(base, f"numpy.random.{base.kind}.{attr}")
        if isinstance(base, Instance):
            value = base.attr(attr)
            if value is not None:
                return value
            info = base.cls.home if base.cls.home is not None else self.walker.info
            mutable = info.mutable_attribute(base.cls, attr)
            if mutable is not None:
                return mutable
            method = info.method_of(base.cls, attr)
            if method is not None:
                return BoundMethod(base, method)
            prop = info.property_of(base.cls, attr)
            if prop is not None:
                return self.walker.info_call(prop, CallArgs([]), base).value
            found = info.class_attribute(base.cls, attr)
            return found if found is not None else UNKNOWN
        if isinstance(base, Class):
            found = (base.home if base.home is not None else self.walker.info).class_attribute(base, attr)
            return found if found is not None else UNKNOWN
        if isinstance(base, Opaque) and base.alternatives:
            if len(base.alternatives) == 1:
                return self._array_attribute(Array(base.alternatives[0]), attr, node)
            ranks = {s.rank for s in base.alternatives}
            if attr == "ndim" and len(ranks) == 1 and None not in ranks:
                return Int(Known(ranks.pop()))  # type: ignore[arg-type]
            if attr not in ("shape", "ndim", "size", "dtype", "T", "mT", "real", "imag"):
                return Method(base, f"numpy.ndarray.{attr}")
        if isinstance(base, Opaque) and attr == "reshape" and self.walker.info.reaches_numpy:
            return Method(base, "numpy.ndarray.reshape")  # see RESHAPES
        if isinstance(base, Opaque) and base.key is not None:
            if attr == "shape":
                return ShapeOf(base.key, base.name or "?")
            if attr == "ndim":
                return Int(Sym(f"{base.name}.ndim", (base.key, "ndim")))
            return UNKNOWN
        if isinstance(base, Dct) and attr in ("get", "keys", "values", "items"):
            return Method(base, f"dict.{attr}")
        return UNKNOWN

    def _array_attribute(self, base: Array, attr: str, node: cst.CSTNode) -> Value:
        if attr == "shape":
            if base.shape.axes is None:
                return UNKNOWN
            return Tup(tuple(Int(a) for a in base.shape.axes))
        if attr == "ndim":
            return Int(Known(base.rank)) if base.rank is not None else Int(UNKNOWN_AXIS)
        if attr == "size":
            from ..domain import size

            return Int(size(base.shape))
        if attr in ("T", "mT"):
            operand_node = node.value if isinstance(node, cst.Attribute) else node
            return self.apply(node, f"numpy.ndarray.{attr}", CallArgs([base]), [operand_node])
        if attr in ("real", "imag"):
            return Array(base.shape, "f")
        if attr in ("dtype", "flags", "itemsize", "nbytes", "strides", "flat", "base", "ctypes", "data"):
            return UNKNOWN
        return Method(base, f"numpy.ndarray.{attr}")

    # -- calls --

    def _arguments(self, node: cst.Call, safe: bool) -> tuple[CallArgs, list[cst.CSTNode]]:
        args: list[Value] = []
        kwargs: dict[str, Value] = {}
        nodes: list[cst.CSTNode] = []
        star = False
        for arg in node.args:
            value = self.eval_safe(arg.value) if safe else self.eval(arg.value)
            if arg.star == "*":
                if isinstance(value, (Tup, Lst)) and value.items is not None:
                    args.extend(value.items)
                    nodes.extend([arg.value] * len(value.items))
                else:
                    star = True
            elif arg.star == "**":
                star = True
            elif arg.keyword is not None:
                name = arg.keyword.value
                kwargs[name] = value
            else:
                args.append(value)
                nodes.append(arg.value)
        return CallArgs(args, kwargs, star, node), nodes

    def _call(self, node: cst.Call) -> Value:
        func = self.eval_safe(node.func)
        if isinstance(func, Ref):
            call, arg_nodes = self._arguments(node, safe=True)
            call.qualname = func.qualname
            if func.qualname.startswith("builtins."):
                return self._builtin(node, func.qualname[9:], call)
            return self.apply(node, func.qualname, call, arg_nodes)
        if isinstance(func, Method):
            call, arg_nodes = self._arguments(node, safe=True)
            receiver_node = node.func.value if isinstance(node.func, cst.Attribute) else node.func
            if func.qualname.startswith("dict."):
                return self._dict_method(func, call)
            if func.qualname in ("numpy.ndarray.resize", "numpy.ndarray.sort", "numpy.ndarray.fill"):
                # In-place methods: `resize` changes the receiver's shape.
                if func.qualname.endswith("resize") and isinstance(receiver_node, cst.Name):
                    self.walker.bind_name(receiver_node.value, UNKNOWN)
                return NONE
            call.args = [func.receiver] + call.args
            call.qualname = func.qualname
            return self.apply(node, func.qualname, call, [receiver_node] + arg_nodes)
        if isinstance(func, Instance):
            # `layer(X)`: the instance's `__call__`.
            info = func.cls.home if func.cls.home is not None else self.walker.info
            method = info.method_of(func.cls, "__call__")
            if method is not None:
                func = BoundMethod(func, method)
        if isinstance(func, (Function, BoundMethod, Class)):
            call, arg_nodes = self._arguments(node, safe=True)
            return self.walker.call_user(func, call, node)
        for arg in node.args:
            self.eval(arg.value)
        return UNKNOWN

    def apply(
        self,
        node: cst.CSTNode,
        qualname: str,
        call: CallArgs,
        arg_nodes: list[cst.CSTNode],
        spelling: str | None = None,
    ) -> Value:
        """Apply the registry's rule for `qualname` and record what the rules need."""
        rule = REGISTRY.get(qualname)
        if rule is None:
            return UNKNOWN
        if any(isinstance(a, Opaque) and a.alternatives for a in call.args):
            return _over_alternatives(rule, call)
        if qualname in ("numpy.shape", "numpy.ndim") and len(call.args) == 1 and isinstance(call.args[0], Opaque):
            return self.attribute_of(call.args[0], qualname[6:], node)
        if qualname in WHOLE_ARRAY and call.args and isinstance(call.args[0], (Opaque, Lst)):
            # numpy makes an array of anything here; its rank does not matter with no `axis`.
            call = CallArgs([Array(UNKNOWN_SHAPE)] + call.args[1:], call.kwargs, call.star, call.node, call.qualname)
        elif qualname in RESHAPES and call.args and _plain_opaque(call.args[0]):
            # Whatever has a `reshape` (an ndarray, np.matrix, a sparse matrix, a tensor)
            # gets as many axes as it is given, from two up (np.matrix keeps two of one).
            # Called on a name or attribute, the method must be given lengths only, the first an int:
            # `xp.reshape(a, shape)` is an array namespace's function, and its first argument an array.
            # A namespace is never the result of an expression (`theta[:n].reshape(k, m)`).
            namespace_like = bool(arg_nodes) and isinstance(arg_nodes[0], (cst.Name, cst.Attribute))
            if qualname == "numpy.ndarray.reshape" and namespace_like and not _lengths_only(call.args[1:]):
                return UNKNOWN
            call = CallArgs([Array(UNKNOWN_SHAPE)] + call.args[1:], call.kwargs, call.star, call.node, call.qualname)
            try:
                result = REGISTRY[qualname](call)
            except Exception:  # `x.reshape(-1, -1)`: whatever x is, it raises; not reported on an unknown x
                return UNKNOWN
            return result if isinstance(result, Array) and (result.rank or 0) >= 2 else UNKNOWN
        elif qualname in MAKES_NDARRAY and any(_plain_opaque(a) for a in call.args[:2]):
            # These always hand back a new ndarray, whatever they were given (a list, a table, an array).
            args = [_unknown_array(a) for a in call.args[:2]]
            call = CallArgs(args + call.args[2:], call.kwargs, call.star, call.node, call.qualname)
        error: ShapeError | None = None
        try:
            result = rule(call)
        except ShapeError as exc:
            error = exc
            result = UNKNOWN
        except Exception:  # a rule bug must not stop the analysis of the file
            result = UNKNOWN
        if isinstance(result, Array) and any(result is arg for arg in call.args):
            # A rule handing an operand back unchanged makes a new value all the same:
            # provenance (an un-kept reduction, explicit axes) belongs to the operand.
            result = replace(result, reduced=None, explicit=False)
        if isinstance(result, Array) and result.reduced is not None and result.reduced.node is None:
            result = replace(result, reduced=replace(result.reduced, node=node))
        result = self._mark(node, result, data_inputs(qualname, call.args, call.kwargs), qualname)
        if self.walker.events:
            self._record(node, qualname, call, arg_nodes, result, error, spelling)
        return result

    def _record(
        self,
        node: cst.CSTNode,
        qualname: str,
        call: CallArgs,
        arg_nodes: list[cst.CSTNode],
        result: Value,
        error: ShapeError | None,
        spelling: str | None,
    ) -> None:
        operands = tuple(Operand(n, v) for n, v in zip(arg_nodes, call.args))
        failed = (error.kind, error.message) if error is not None else None
        details = dict(error.details) if error is not None else None
        self.analysis.record_operation(node, qualname, operands, result, failed, spelling, details)

    def _dict_method(self, func: Method, call: CallArgs) -> Value:
        base = func.receiver
        if func.qualname == "dict.get" and isinstance(base, Dct) and call.args:
            key = call.args[0]
            if isinstance(key, Const):
                found = base.get(key.value)
                if found is not None:
                    return found
        return UNKNOWN

    # -- builtins --

    def _builtin(self, node: cst.Call, name: str, call: CallArgs) -> Value:
        args = call.args
        if name in ARRAY_BUILTINS and any(isinstance(a, Array) for a in args):
            return self.apply(node, f"builtins.{name}", call, [a.value for a in node.args])
        if name == "len" and len(args) == 1 and not call.kwargs:
            return Int(_length(args[0]))
        if name == "range" and 1 <= len(args) <= 3 and not call.kwargs:
            return Range(_range_length(args))
        if name == "int" and len(args) == 1:
            return args[0] if isinstance(args[0], Int) else Int(Unknown("int()"))
        if name == "float":
            return PyFloat()
        if name in ("min", "max") and len(args) >= 2 and all(isinstance(a, Int) for a in args):
            known = [a.value.value for a in args if isinstance(a, Int) and isinstance(a.value, Known)]
            if len(known) == len(args):
                return Int(Known(min(known) if name == "min" else max(known)))
            return Int(Unknown(name))
        if name == "abs" and len(args) == 1:
            if isinstance(args[0], Array):
                return self.apply(node, "numpy.absolute", call, [a.value for a in node.args])
            return Int(Unknown("abs")) if isinstance(args[0], Int) else UNKNOWN
        if name == "tuple" and len(args) == 1 and isinstance(args[0], (Tup, Lst)) and args[0].items is not None:
            return Tup(args[0].items)
        if name == "list" and len(args) == 1 and isinstance(args[0], (Tup, Lst)):
            return Lst(args[0].items)
        if name == "print":
            return NONE
        return UNKNOWN

    # -- operators --

    def _binary(self, node: cst.BinaryOperation) -> Value:
        left = self.eval(node.left)
        right = self.eval(node.right)
        return self.binary_values(node, type(node.operator), left, right, node.left, node.right)

    def binary_values(
        self,
        node: cst.CSTNode,
        op: type,
        left: Value,
        right: Value,
        left_node: cst.CSTNode,
        right_node: cst.CSTNode,
    ) -> Value:
        if isinstance(left, Int) and isinstance(right, Int) and op in _INT_OPS:
            return Int(arith(_INT_OPS[op], left.value, right.value))
        if isinstance(left, (Int, PyFloat, Const)) and isinstance(right, (Int, PyFloat, Const)):
            if _is_number(left) and _is_number(right):
                return PyFloat() if op is not cst.MatrixMultiply else UNKNOWN
            return UNKNOWN
        if not isinstance(left, Array) and not isinstance(right, Array):
            return _sequence_arithmetic(op, left, right)
        if isinstance(left, Opaque) or isinstance(right, Opaque):
            # An array-like declared operand is converted by numpy when the other one is an array.
            declared, other = (left, right) if isinstance(left, Opaque) else (right, left)
            if not (isinstance(declared, Opaque) and declared.alternatives and isinstance(other, Array)):
                return UNKNOWN
        qualname = "numpy.matmul" if op is cst.MatrixMultiply else BINARY_UFUNCS.get(op)
        if qualname is None:
            return UNKNOWN
        return self.apply(node, qualname, CallArgs([left, right]), [left_node, right_node], BINARY_SPELLING.get(op))

    def _unary(self, node: cst.UnaryOperation) -> Value:
        value = self.eval(node.expression)
        op = type(node.operator)
        if isinstance(value, Int):
            if op is cst.Minus:
                if isinstance(value.value, Known):
                    return Int(Known(-value.value.value))
                return Int(arith("-", Known(0), value.value))
            if op is cst.Plus:
                return value
            return UNKNOWN
        if isinstance(value, Array):
            qualname = {cst.Minus: "numpy.negative", cst.Plus: "numpy.positive", cst.BitInvert: "numpy.invert"}.get(op)
            if qualname:
                return self.apply(node, qualname, CallArgs([value]), [node.expression])
            return UNKNOWN
        if isinstance(value, (PyFloat, Const)) and _is_number(value) and op in (cst.Minus, cst.Plus):
            return PyFloat() if not isinstance(value, Const) else Const(-value.value if op is cst.Minus else value.value)
        return UNKNOWN

    def _comparison(self, node: cst.Comparison) -> Value:
        left = self.eval(node.left)
        rights = [self.eval(t.comparator) for t in node.comparisons]
        if len(node.comparisons) != 1:
            return UNKNOWN
        qualname = COMPARISON_UFUNCS.get(type(node.comparisons[0].operator))
        right = rights[0]
        if isinstance(left, Int) and isinstance(right, Int) and qualname is not None:
            return _compare_ints(qualname, left, right)
        if isinstance(left, Tup) and isinstance(right, Tup) and qualname in ("numpy.equal", "numpy.not_equal"):
            return _compare_tuples(qualname == "numpy.equal", left, right)
        if qualname is None or not (isinstance(left, Array) or isinstance(right, Array)):
            return UNKNOWN
        if isinstance(left, Opaque) or isinstance(right, Opaque):
            return UNKNOWN
        spelling = type(node.comparisons[0].operator).__name__
        return self.apply(node, qualname, CallArgs([left, right]), [node.left, node.comparisons[0].comparator], spelling)

    # -- indexing --

    def index_value(self, node: cst.Subscript) -> Value:
        elements = node.slice
        if len(elements) == 1 and isinstance(elements[0].slice, cst.Index) and elements[0].comma is cst.MaybeSentinel.DEFAULT:
            return self._index_item(elements[0].slice)
        items = []
        for element in elements:
            items.append(self._index_item(element.slice))
        return Tup(tuple(items))

    def _index_item(self, item: cst.BaseSlice) -> Value:
        if isinstance(item, cst.Index):
            if item.star is not None:
                return UNKNOWN
            return self.eval(item.value)
        assert isinstance(item, cst.Slice)
        parts = [NONE if part is None else self.eval(part) for part in (item.lower, item.upper, item.step)]
        return SliceV(*parts)

    def _subscript(self, node: cst.Subscript) -> Value:
        base = self.eval_safe(node.value)
        index = self.index_value(node)
        return self.subscript_values(node, base, index)

    def subscript_values(self, node: cst.Subscript, base: Value, index: Value) -> Value:
        if isinstance(base, Dct):
            if isinstance(index, Const):
                found = base.get(index.value)
                return found if found is not None else UNKNOWN
            return UNKNOWN
        if isinstance(base, ShapeOf):
            return base.item(index)
        if not isinstance(base, (Array, Tup, Lst)):
            return UNKNOWN
        try:
            result = index_result(base, index)
        except ShapeError as error:
            if self.walker.events and isinstance(base, Array):
                self.analysis.record_failure(node, error.kind, error.message, (Operand(node.value, base),), error.details)
            return UNKNOWN
        except Exception:
            return UNKNOWN
        if isinstance(base, Array):
            inputs: list[Value] = [base]
            # An index that drops axes from rank 2+ makes a new rank-1 array.
            return self._mark(node, result, inputs if base.rank == 1 else [])
        return result


MAX_ALTERNATIVES = 8
ARRAY_BUILTINS = frozenset({"sum", "min", "max", "pow", "round"})
# numpy functions that convert their first argument with `asarray` whatever it is, and
# whose result rank does not depend on that array's rank when no `axis` is given
# (`np.ravel` is not one: a rank-1 result from an operand of unknown rank would be
# taken for a new rank-1 array).
WHOLE_ARRAY = frozenset(
    "numpy." + name
    for name in (
        "sum prod nansum mean nanmean max amax min amin nanmax nanmin argmax argmin std var nanstd nanvar "
        "any all median nanmedian count_nonzero ptp linalg.norm unique flatnonzero argwhere"
    ).split()
)


# numpy functions that return an ndarray of any input, never the input's own type
# (unlike ufuncs and `cumsum`, which hand a pandas table back as a table): an
# unknown argument is an array of unknown rank to them.
MAKES_NDARRAY = frozenset(
    "numpy." + name
    for name in (
        "asarray array ascontiguousarray asfortranarray copy ravel bincount outer sort unique flatnonzero argwhere"
    ).split()
)


RESHAPES = frozenset({"numpy.reshape", "numpy.ndarray.reshape"})


def _lengths_only(args: list[Value]) -> bool:
    """Lengths a method `reshape` is given, never an array namespace's `xp.reshape(a, shape)`.

    One tuple of lengths, three or more lengths, or two whose first is an int
    (`xp.reshape(a, -1)` has an array first).
    """
    if len(args) == 1 and isinstance(args[0], (Tup, Lst)) and args[0].items is not None:
        return all(may_be_length(a) for a in args[0].items)
    if not all(may_be_length(a) for a in args):
        return False
    return len(args) >= 3 or (len(args) == 2 and not isinstance(args[0], Opaque))


def _plain_opaque(value: Value) -> bool:
    return isinstance(value, Opaque) and not value.alternatives


def _unknown_array(value: Value) -> Value:
    """An unknown value as an array of unknown rank (the same array, where it is a parameter)."""
    return Array(UNKNOWN_SHAPE, root=value.key) if isinstance(value, Opaque) and not value.alternatives else value


def _over_alternatives(rule: Callable[[CallArgs], Value], call: CallArgs) -> Value:
    """A numpy function applied to a value declared with alternative shapes: what every alternative gives.

    Alternatives for which numpy would raise are left out (the code may be
    right for the others); no event is recorded, the operands are not known arrays.
    """
    choices: list[list[Value]] = []
    for arg in call.args:
        if isinstance(arg, Opaque) and arg.alternatives:
            choices.append([Array(shape) for shape in arg.alternatives])
        else:
            choices.append([arg])
    combinations = list(itertools.islice(itertools.product(*choices), MAX_ALTERNATIVES + 1))
    if len(combinations) > MAX_ALTERNATIVES:
        return UNKNOWN
    results: list[Array] = []
    for args in combinations:
        try:
            value = rule(CallArgs(list(args), dict(call.kwargs), call.star, call.node, call.qualname))
        except Exception:
            continue
        if not isinstance(value, Array):
            return UNKNOWN
        results.append(replace(value, origin=None, reduced=None, explicit=False))
    if not results:
        return UNKNOWN
    if len({r.rank for r in results}) > 1:
        # Still one of several shapes (`np.asarray(y)` of `(n,) or (n, k)`): keep them apart.
        return Opaque("declared alternatives", alternatives=tuple(dict.fromkeys(r.shape for r in results)))
    result: Value = results[0]
    for value in results[1:]:
        result = join(result, value)
    return result


_READING_METHODS = frozenset({"get", "keys", "values", "items", "index", "count", "copy"})

_INT_COMPARISONS = {
    "numpy.less": lambda a, b: a < b,
    "numpy.less_equal": lambda a, b: a <= b,
    "numpy.greater": lambda a, b: a > b,
    "numpy.greater_equal": lambda a, b: a >= b,
    "numpy.equal": lambda a, b: a == b,
    "numpy.not_equal": lambda a, b: a != b,
}


def _compare_ints(qualname: str, left: Int, right: Int) -> Value:
    if isinstance(left.value, Known) and isinstance(right.value, Known):
        return Const(bool(_INT_COMPARISONS[qualname](left.value.value, right.value.value)))
    return UNKNOWN


def _compare_tuples(equal: bool, left: Tup, right: Tup) -> Value:
    """`a.shape == b.shape` where both are known."""
    if len(left.items) != len(right.items):
        return Const(not equal)
    known = [(int_of(a), int_of(b)) for a, b in zip(left.items, right.items)]
    if all(isinstance(a, Known) and isinstance(b, Known) for a, b in known):
        same = all(a.value == b.value for a, b in known)  # type: ignore[union-attr]
        return Const(same == equal)
    return UNKNOWN


def canonical(qualname: str) -> str:
    """numpy's public name for a private or legacy spelling (`numpy.random.mtrand.rand`)."""
    for alias, public in NUMPY_ALIASES.items():
        if qualname == alias or qualname.startswith(alias + "."):
            return public + qualname[len(alias) :]
    return qualname


def numpy_name(qualname: str) -> Value:
    """The value of a name imported from numpy."""
    qualname = canonical(qualname)
    module, _, attr = qualname.rpartition(".")
    if module == "numpy":
        if attr == "newaxis":
            return NONE
        if attr in NUMPY_CONSTANTS:
            return Const(NUMPY_CONSTANTS[attr])
    return Ref(qualname)


def _numpy_attribute(qualname: str, attr: str) -> Value:
    if qualname.startswith("builtins."):
        return UNKNOWN
    if qualname == "numpy.finfo()":
        return Array(SCALAR, "f") if attr in FINFO_SCALARS else UNKNOWN
    return numpy_name(f"{qualname}.{attr}")


def _degraded(value: Value) -> Value:
    return Lst(None) if isinstance(value, Lst) else UNKNOWN


def _is_literal_data(value: Value) -> bool:
    return isinstance(value, (Tup, Lst)) and value.items is not None


def _is_number(value: Value) -> bool:
    if isinstance(value, (Int, PyFloat)):
        return True
    return isinstance(value, Const) and isinstance(value.value, (int, float, complex))


def _length(value: Value) -> Any:
    if isinstance(value, Array) and value.shape.axes:
        return value.shape.axes[0]
    if isinstance(value, (Tup, Lst)) and value.items is not None:
        return Known(len(value.items))
    if isinstance(value, Range):
        return value.length
    if isinstance(value, Opaque) and value.key is not None:
        return Sym(f"len({value.name})", (value.key, "shape", 0))
    if isinstance(value, Dct):
        return Known(len(value.entries))
    return Unknown("len")


def _range_length(args: list[Value]) -> Any:
    ints = [int_of(a) for a in args]
    if any(i is None for i in ints):
        return Unknown("range")
    if all(isinstance(i, Known) for i in ints):
        return Known(len(range(*[i.value for i in ints])))  # type: ignore[union-attr]
    if len(ints) == 1 and isinstance(ints[0], Sym):
        # range(n) has n items for any n >= 0; a negative n is no length at all.
        return Unknown("range of symbol")
    return Unknown("range")


def _sequence_arithmetic(op: type, left: Value, right: Value) -> Value:
    if op is cst.Add and isinstance(left, Tup) and isinstance(right, Tup):
        return Tup(left.items + right.items)
    if op is cst.Add and isinstance(left, Lst) and isinstance(right, Lst):
        if left.items is None or right.items is None:
            return Lst(None)
        return Lst(left.items + right.items)
    if op is cst.Multiply and isinstance(left, (Tup, Lst)) and isinstance(right, Int):
        left, right = right, left
    if op is cst.Multiply and isinstance(left, Int) and isinstance(right, (Tup, Lst)):
        count = left.value
        if isinstance(count, Known) and right.items is not None and count.value <= 64:
            items = right.items * max(0, count.value)
            return Tup(items) if isinstance(right, Tup) else Lst(items)
        return Lst(None) if isinstance(right, Lst) else UNKNOWN
    return UNKNOWN


__all__ = ["Evaluator", "BROADCASTING", "PRODUCTS", "TRANSPOSES"]
