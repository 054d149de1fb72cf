"""The facts inference leaves behind for the rules and the `shapes` command.

One fact per evaluation of an interesting expression in one analysis
context (a function analyzed for one set of argument shapes is one context).
Both the static evaluator and the runtime checker feed the same recorder,
`Facts.record_operation`, so a rule cannot tell, and need not know, whether
the shapes it reads were inferred or observed. Rules read facts; they never
walk the tree.

The facts about an array's identity and provenance travel with its value
(`values.Array`): `origin` (where a rank-1 array was made), `root` (the
array it was computed elementwise from, so `B = A` is the same array and a
rebound `A` is not) and `reduced` (an un-kept reduction, with the root of
the array it reduced).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from ..values import Array, Const, Int, PyFloat, Value, join

# numpy functions that broadcast two or more array operands (SL003, SL005, SL007).
BROADCASTING = frozenset(
    "numpy." + name
    for name in (
        "add subtract multiply divide true_divide floor_divide mod remainder power float_power maximum minimum "
        "fmax fmin arctan2 hypot logical_and logical_or logical_xor bitwise_and bitwise_or bitwise_xor equal "
        "not_equal less less_equal greater greater_equal where clip"
    ).split()
)
# Products and how a message spells them when the source does not say.
PRODUCTS = {"numpy.dot": "np.dot", "numpy.matmul": "np.matmul", "numpy.ndarray.dot": ".dot"}
TRANSPOSES = frozenset({"numpy.transpose", "numpy.ndarray.transpose", "numpy.ndarray.T", "numpy.permute_dims"})


def is_python_scalar(value: Value) -> bool:
    """A Python number or bool: it broadcasts with anything, so it is not an array operand."""
    if isinstance(value, (Int, PyFloat)):
        return True
    return isinstance(value, Const) and isinstance(value.value, (bool, int, float, complex))


@dataclass(frozen=True, slots=True)
class Operand:
    node: cst.CSTNode
    value: Value


@dataclass(frozen=True, slots=True)
class Elementwise:
    """A broadcasting operation: `a + b`, `np.maximum(a, b)`, `a < b`; `error` when numpy raises."""

    node: cst.CSTNode
    operands: tuple[Operand, ...]
    result: Value
    error: str | None
    operator: str  # "+", "maximum", ...


@dataclass(frozen=True, slots=True)
class Product:
    """`np.dot`, `@`, `np.matmul` or `.dot` of two operands."""

    node: cst.CSTNode
    left: Operand
    right: Operand
    result: Value
    error: str | None
    spelling: str  # "np.dot", "@", ...


@dataclass(frozen=True, slots=True)
class Transpose:
    """`.T`, `.transpose()` or `np.transpose(a)`."""

    node: cst.CSTNode
    operand: Operand


@dataclass(frozen=True, slots=True)
class Failure:
    """numpy would certainly raise here: `kind` is "broadcast", "matmul", "reshape", "index", ..."""

    node: cst.CSTNode
    kind: str
    message: str
    operands: tuple[Operand, ...]
    details: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Binding:
    """`name = value` or `obj.attr = value`: the value bound, and the expression that made it."""

    target: cst.Name | cst.Attribute
    value_node: cst.CSTNode | None
    value: Value
    fresh: bool  # the value's rank-1 origin is inside this assignment's value

    @property
    def name(self) -> str:
        """`w` or `self.w`."""
        if isinstance(self.target, cst.Name):
            return self.target.value
        return cst.Module([]).code_for_node(self.target)


_BindingIndex = tuple[dict[str, list["Binding"]], dict[int, "Binding"], dict[cst.CSTNode, "Binding"]]


@dataclass
class Facts:
    """The events of one module, from either source; `record_operation` is the one way in."""

    elementwise: list[Elementwise] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    transposes: list[Transpose] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    # The resolved qualified name of every numpy call (`z(5)` under `from numpy import zeros as z`
    # is `numpy.zeros`), so rules never read the spelling.
    qualnames: dict[cst.CSTNode, str] = field(default_factory=dict)
    # `bindings` indexed for the rules (see `_binding_index`), with the count it was built from.
    _index: tuple[int, _BindingIndex] | None = field(default=None, init=False, repr=False, compare=False)

    def record_operation(
        self,
        node: cst.CSTNode,
        qualname: str,
        operands: tuple[Operand, ...],
        result: Value,
        error: tuple[str, str] | None = None,
        spelling: str | None = None,
        details: dict[str, object] | None = None,
    ) -> None:
        """One numpy operation at `node`; `error` is (kind, message) where numpy raises."""
        self.qualnames[node] = qualname
        kind, message = error if error is not None else (None, None)
        if qualname in BROADCASTING and (kind is None or kind == "broadcast"):
            arrays = [o for o in operands if not is_python_scalar(o.value)]
            if len(arrays) >= 2 or error is not None:
                self.elementwise.append(
                    Elementwise(node, operands, result, message, spelling or qualname.rpartition(".")[2])
                )
        elif qualname in PRODUCTS and len(operands) >= 2:
            if kind is None or kind == "matmul":
                self.products.append(
                    Product(node, operands[0], operands[1], result, message, spelling or PRODUCTS[qualname])
                )
        elif qualname in TRANSPOSES and operands and kind is None:
            self.transposes.append(Transpose(node, operands[0]))
        if error is not None:
            self.record_failure(node, kind or "other", message or "", operands, details)

    def record_failure(
        self, node: cst.CSTNode, kind: str, message: str, operands: tuple[Operand, ...], details: dict[str, object] | None = None
    ) -> None:
        self.failures.append(Failure(node, kind, message, operands, dict(details or {})))

    def record_binding(
        self, target: cst.Name | cst.Attribute, value_node: cst.CSTNode | None, value: Value, fresh: bool
    ) -> None:
        if isinstance(value, Array):
            self.bindings.append(Binding(target, value_node, value, fresh))

    def any(self) -> bool:
        return bool(self.elementwise or self.products or self.transposes or self.failures or self.bindings)

    def bindings_named(self, name: str) -> list[Binding]:
        """The bindings of `name`, in order (indexed: rules ask once per finding, and a module has thousands)."""
        return self._binding_index()[0].get(name, [])

    def fresh_binding(self, *, origin: object = None, node: cst.CSTNode | None = None) -> Binding | None:
        """The first assignment that made a rank-1 origin (`origin`), or whose value is `node`."""
        by_origin, by_node = self._binding_index()[1:]
        return by_origin.get(id(origin)) if node is None else by_node.get(node)

    def _binding_index(self) -> _BindingIndex:
        """By name, by rank-1 origin and by value node; rebuilt when bindings were added since."""
        if self._index is not None and self._index[0] == len(self.bindings):
            return self._index[1]
        by_name: dict[str, list[Binding]] = {}
        by_origin: dict[int, Binding] = {}
        by_node: dict[cst.CSTNode, Binding] = {}
        for binding in self.bindings:
            by_name.setdefault(binding.name, []).append(binding)
            if binding.fresh and isinstance(binding.value, Array):
                # Keyed by identity: origins are compared with `is`.
                by_origin.setdefault(id(binding.value.origin), binding)
                if binding.value_node is not None:
                    by_node.setdefault(binding.value_node, binding)
        index = (by_name, by_origin, by_node)
        self._index = (len(self.bindings), index)
        return index


@dataclass
class Analysis(Facts):
    """Everything inference found in one module: the facts, plus what `shapelint shapes` lists."""

    module: cst.Module = field(default_factory=lambda: cst.Module([]))
    # Every target of a reportable assignment, in source order of first
    # evaluation, with the value joined over all contexts.
    assigned: dict[cst.Name, Value] = field(default_factory=dict)
    assigned_from: dict[cst.Name, cst.CSTNode | None] = field(default_factory=dict)
    # The joined value of every array-valued expression the engine evaluated.
    values: dict[cst.CSTNode, Value] = field(default_factory=dict)
    # `for` loops whose bodies the engine saw (SL010).
    loops: list[cst.For] = field(default_factory=list)

    def record_assignment(self, target: cst.Name, value: Value, source: cst.CSTNode | None = None) -> None:
        self.assigned_from.setdefault(target, source)
        previous = self.assigned.get(target)
        self.assigned[target] = value if previous is None else join(previous, value)

    def record_value(self, node: cst.CSTNode, value: Value) -> None:
        previous = self.values.get(node)
        self.values[node] = value if previous is None else join(previous, value)

    def value_of(self, node: cst.CSTNode) -> Value | None:
        return self.values.get(node)
