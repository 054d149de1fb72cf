"""The statement walker: flow of abstract states through one body of code.

A state maps names to values; `None` is an unreachable state (after
`return`, `raise`, `break`). Branches run on copies and merge with `join`,
which keeps only what every path agrees on. Loops run silently until the
state at their head stops changing (widening to unknown after a few rounds),
then once more with recording on, so that every recorded fact holds for
every iteration. Functions of the module are analyzed per call with the
argument values of that call (memoized, depth- and count-bounded), and once
with symbolic parameters if nothing calls them.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Any, Callable, Iterable, Sequence

import libcst as cst

from ..numpy_api import CallArgs
from ..values import (
    NONE,
    UNKNOWN,
    Array,
    PyFloat,
    BoundMethod,
    Class,
    Const,
    Dct,
    Deferred,
    Function,
    Instance,
    Int,
    Lst,
    ModuleRef,
    Opaque,
    Range,
    Ref,
    ShapeOf,
    Tup,
    Value,
    join,
    known_int,
)
from ..declared import read_aliases
from ..domain import UNKNOWN_AXIS, Known, Shape, Sym, Unknown, certainly_different, same_length
from . import declarations
from .evaluator import Evaluator, numpy_name
from .facts import Analysis, Elementwise, Operand
from .provenance import AUG_OPERATORS
from .scopes import ModuleScan, bound_names, dotted_name

State = dict[str, Value]
# (module, name, level) -> the value `from module import name` binds; level counts leading dots.
Importer = Callable[[str, str, int], Value]

MAX_CALL_DEPTH = 8
MAX_CONTEXTS = 16
JOIN_ROUNDS = 3
WIDEN_ROUNDS = 3
# Below this many enclosing loops, a loop met while an outer loop seeks its fixpoint takes
# one pass instead of its own fixpoint: each level would otherwise multiply the work (18
# nested loops took 24 s, each level doubling it).
EXACT_LOOP_NESTING = 3


_AUG_SPELLING = {cst.AddAssign: "+=", cst.SubtractAssign: "-=", cst.MultiplyAssign: "*=", cst.DivideAssign: "/="}

BUILTINS: dict[str, Value] = {
    name: Ref(f"builtins.{name}")
    for name in ("len", "range", "int", "float", "min", "max", "abs", "tuple", "list", "print", "sum", "pow", "round")
}
BUILTINS.update({"True": Const(True), "False": Const(False), "None": NONE, "bool": Ref("builtins.bool"), "complex": Ref("builtins.complex")})


def join_states(a: State | None, b: State | None) -> State | None:
    """Names bound on both paths keep their joined value; a name bound on one path only is unknown."""
    if a is None:
        return None if b is None else dict(b)
    if b is None:
        return dict(a)
    out: State = {}
    for name, value in a.items():
        other = b.get(name)
        if other is None:
            out[name] = UNKNOWN
        elif other is value:
            out[name] = value
        else:
            out[name] = join(value, other)
    for name in b:
        if name not in a:
            out[name] = UNKNOWN
    return out


def _widen(old: State, new: State) -> State:
    return {name: (value if old.get(name) == value else UNKNOWN) for name, value in new.items()}


class FunctionResult:
    __slots__ = ("value", "finals")

    def __init__(self, value: Value, finals: State) -> None:
        self.value = value
        self.finals = finals


UNKNOWN_RESULT = FunctionResult(UNKNOWN, {})


class ModuleInfo:
    """What all walkers of one module share: the analysis, the module scope, the call memo."""

    def __init__(self, module: cst.Module, importer: Importer | None = None) -> None:
        self.module = module
        self.importer = importer
        self.analysis = Analysis(module=module)
        self.scan = ModuleScan(module)
        self.module_walker: Walker | None = None
        self.memo: dict[Any, FunctionResult] = {}
        self.contexts: Counter[Any] = Counter()
        self.stack: list[Any] = []
        self.pending: list[tuple[cst.FunctionDef, Any]] = []
        self.seen_pending: set[cst.FunctionDef] = set()
        self.scopes: dict[cst.FunctionDef, tuple[frozenset[str], ...]] = {}
        self.generic_instances: dict[cst.ClassDef, Value] = {}
        # True while the module's own statements run (not during the analysis of uncalled functions).
        self.live = False
        self.class_bases: dict[cst.ClassDef, list[cst.ClassDef] | None] = {}
        # The state a class body leaves (its class attributes), and how often it binds each name.
        self.class_states: dict[cst.ClassDef, State] = {}
        self.class_counts: dict[cst.ClassDef, Counter[str]] = {}
        # Mutable instance attributes of a class: the join of every value a method assigns them.
        self.attribute_tables: dict[cst.ClassDef, dict[str, Value]] = {}
        # Classes whose attribute table is being computed -> what their methods assigned so far.
        self.collecting: dict[cst.ClassDef, dict[str, Value]] = {}
        # Names a top-level `from module import *` bound (read by functions as globals).
        self.star_names: dict[str, Value] = {}
        # Analyzed for the names other modules import from it (not checked itself).
        self.exports_only = False
        # Whether the module can reach numpy; where it cannot, nothing unknown is taken for an
        # array (by `n, m = X.shape` or `x.reshape(-1, 1)`), so that it has no finding at all.
        self.reaches_numpy = True

    def global_value(self, name: str) -> Value:
        value = self._global_value(name)
        return resolve(value) if type(value) is Deferred else value

    def _global_value(self, name: str) -> Value:
        walker = self.module_walker
        if self.live and walker is not None and walker.state is not None and name not in self.scan.declared_global:
            # Called while the module runs: its globals are what the module holds right now.
            value = walker.state.get(name)
            if value is not None:
                return value
        if name in self.scan.stable and walker is not None and walker.state is not None:
            value = walker.state.get(name)
            if value is not None:
                return value
        if name in self.scan.module_bound:
            return UNKNOWN
        if name in self.star_names:
            return self.star_names[name]
        return BUILTINS.get(name, UNKNOWN)

    def live_globals_key(self) -> tuple:
        """What a call made while the module runs depends on besides its arguments (for the memo)."""
        walker = self.module_walker
        if not self.live or walker is None or walker.state is None:
            return ()
        stable = self.scan.stable
        return tuple((k, v) if k not in stable else k for k, v in walker.state.items())

    def method_of(self, cls: Class, name: str) -> Function | None:
        node = cls.node
        for statement in _block(node.body):
            if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
                if statement.decorators:
                    return None
                return Function(statement, node, self)
        bases = self.class_bases.get(node)
        for base in bases or ():
            found = self.method_of(Class(base, self), name)
            if found is not None:
                return found
        return None

    def property_of(self, cls: Class, name: str) -> Function | None:
        """A method decorated with a plain `@property`: reading the attribute calls it."""
        for statement in _block(cls.node.body):
            if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
                decorators = statement.decorators
                if len(decorators) == 1 and isinstance(decorators[0].decorator, cst.Name):
                    if decorators[0].decorator.value == "property":
                        return Function(statement, cls.node, self)
                return None
        for base in self.class_bases.get(cls.node) or ():
            found = self.property_of(Class(base, self), name)
            if found is not None:
                return found
        return None

    def class_attribute(self, cls: Class, name: str) -> Value | None:
        """`Config.nn_input_dim`: a value the class body binds once and nothing else assigns."""
        scan = self.scan
        if name in scan.poisoned_attrs or name in scan.attr_classes:
            return None
        node = cls.node
        counts = self.class_counts.get(node)
        if counts is None:
            counts = Counter()
            bound_names(_block(node.body), counts)
            self.class_counts[node] = counts
        if counts[name] == 1:
            value = self.class_states.get(node, {}).get(name)
            if isinstance(value, (Array, Int, Const, Tup)):
                return value
            return None
        if counts[name]:
            return None
        for base in self.class_bases.get(node) or ():
            found = self.class_attribute(Class(base, self), name)
            if found is not None:
                return found
        return None

    def attribute_table(self, cls: Class) -> dict[str, Value]:
        """Every mutable attribute of the class's instances, joined over every method that assigns it.

        Each method (of the class and its bases in this module) is analyzed
        once, silently, for no call in particular; what it assigns to
        `self.x` is joined, with symbolic lengths made unknown (they are the
        lengths of that one call's arguments).
        """
        node = cls.node
        table = self.attribute_tables.get(node)
        if table is not None:
            return table
        self.attribute_tables[node] = {}  # while it is computed, reads see nothing
        collected: dict[str, Value] = {}
        self.collecting[node] = collected
        try:
            classes = [node]
            for klass in classes:
                for base in self.class_bases.get(klass) or ():
                    if base not in classes:
                        classes.append(base)
            for klass in classes:
                for statement in _block(klass.body):
                    if isinstance(statement, cst.FunctionDef) and statement in self.scan.assigning_methods:
                        if statement in self.stack:
                            # Being analyzed already (it reads the table): what it assigns is not known here.
                            for name in self.scan.assigning_methods[statement]:
                                collected[name] = UNKNOWN
                            continue
                        frame = generic_frame(self, statement, None)
                        params = _positional_params(statement)
                        if not params:
                            continue
                        frame[params[0]] = Instance(cls, ())
                        bindings = declarations.generic_parameters(statement, frame)
                        analyze_function(
                            self, Function(statement, klass, self), frame, record=False, bindings=bindings, generic=True
                        )
        finally:
            del self.collecting[node]
        table = {k: v for k, v in collected.items() if self.is_mutable(cls, k) and k not in self.scan.poisoned_attrs}
        self.attribute_tables[node] = table
        return table

    def settled(self, cls: Class, attrs: tuple[tuple[str, Value], ...]) -> Instance:
        """An instance as other methods may see it: what `__init__` set, unless a method may change it.

        A mutable attribute is left out: reading it consults `attribute_table`
        (computed the first time one is read).
        """
        scan = self.scan
        kept = {k: v for k, v in attrs if k not in scan.poisoned_attrs and not self.is_mutable(cls, k)}
        return Instance(cls, tuple(sorted(kept.items())))

    def is_mutable(self, cls: Class, name: str) -> bool:
        """A method of the class or of one of its bases, other than `__init__`, assigns `self.<name>`."""
        owners = self.scan.mutable_attrs.get(name)
        if not owners:
            return False
        classes = [cls.node]
        for klass in classes:
            if klass in owners:
                return True
            classes.extend(b for b in self.class_bases.get(klass) or () if b not in classes)
        return False

    def mutable_attribute(self, cls: Class, name: str) -> Value | None:
        if name in self.scan.poisoned_attrs or not self.is_mutable(cls, name):
            return None
        return self.attribute_table(cls).get(name)

    def collect(self, cls: Class, attr: str, value: Value) -> None:
        collected = self.collecting.get(cls.node)
        if collected is not None:
            erased = _erase_symbols(value)
            previous = collected.get(attr)
            collected[attr] = erased if previous is None else join(previous, erased)

    def has_own_attribute(self, cls: Class, name: str) -> bool:
        return any(
            isinstance(s, cst.FunctionDef) and s.name.value == name for s in _block(cls.node.body)
        )


_RESOLVED: dict[Any, tuple[Any, Value]] = {}


def forget_resolved() -> None:
    """Drop every resolved import: a long-lived process (the server, a test run) would otherwise keep
    every importer it ever made, and the modules they analyzed."""
    _RESOLVED.clear()


def resolve(value: Deferred) -> Value:
    """The value an import names, analyzing its module the first time (per importer)."""
    importer = value.importer
    key = (id(importer), value.module, value.name, value.level)
    found = _RESOLVED.get(key)
    if found is not None and found[0] is importer:
        return found[1]
    _RESOLVED[key] = (importer, UNKNOWN)  # an import cycle reads unknown
    result = importer(value.module, value.name, value.level) if importer is not None else UNKNOWN
    if type(result) is Deferred:
        result = resolve(result)
    if len(_RESOLVED) > 100_000:
        _RESOLVED.clear()
    _RESOLVED[key] = (importer, result)
    return result


def _erase_symbols(value: Value) -> Value:
    """`value` with its symbolic lengths unknown: true of every call, not only the one that made it."""
    if isinstance(value, Array) and value.shape.axes is not None:
        return Array(Shape(tuple(UNKNOWN_AXIS if isinstance(a, Sym) else a for a in value.shape.axes)), value.dtype)
    if isinstance(value, Int) and isinstance(value.value, Sym):
        return Int(UNKNOWN_AXIS)
    if isinstance(value, Tup):
        return Tup(tuple(_erase_symbols(item) for item in value.items))
    if isinstance(value, (Array, Int, Const, PyFloat)):
        return value
    return UNKNOWN


def _block(body: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    if isinstance(body, cst.IndentedBlock):
        return body.body
    return (body,)  # a SimpleStatementSuite runs like one line


class Walker:
    """Runs the statements of one body (the module, or a function in one context)."""

    def __init__(
        self,
        info: ModuleInfo,
        state: State,
        *,
        local_names: frozenset[str] | None = None,
        enclosing: tuple[frozenset[str], ...] = (),
        function: cst.FunctionDef | None = None,
        owner: Any = None,
    ) -> None:
        self.info = info
        self.state: State | None = state
        self.local_names = local_names
        self.enclosing = enclosing
        self.function = function
        self.owner = owner
        # `recording`: shapes for `shapes` and SL010 (only states that hold for every
        # iteration); `events`: what the rules check (also a loop's first iteration).
        self.recording = True
        self.events = True
        self.evaluator = Evaluator(self)
        self.returns: list[tuple[Value, State]] = []
        self.loops: list[tuple[list[State], list[State]]] = []
        self.captures: list[list[State | None]] = []
        self.global_names: set[str] = set()
        self.yields = False
        # The declared axis names bound in this context (`n_samples`), for SL011.
        self.declared: dict[str, Any] = {}
        # Analyzed for a call whose arguments contradict the declaration: that call is the
        # finding, and what the body returns from such arguments says nothing about the body.
        self.contradicted = False
        # Analyzed for no call in particular (or for a call made from such a context):
        # its arrays' shapes come from declarations, not from computed values.
        self.generic = False

    # -- names --

    def lookup(self, name: str) -> Value:
        state = self.state
        if state is not None:
            value = state.get(name)
            if value is not None:
                if type(value) is Deferred:
                    # The statements of a module analyzed only for its exports do not
                    # pull in the modules they import (their values are never reported).
                    return UNKNOWN if self.info.exports_only and self is self.info.module_walker else resolve(value)
                return value
        if name in self.global_names:
            return UNKNOWN
        if self.local_names is not None and name in self.local_names:
            return UNKNOWN
        if any(name in scope for scope in self.enclosing):
            return UNKNOWN
        if self.info.module_walker is self:
            return BUILTINS.get(name, UNKNOWN)
        return self.info.global_value(name)

    def bind_name(self, name: str, value: Value) -> None:
        if self.state is not None and name not in self.global_names:
            self.state[name] = value

    def escape(self, name: str, value: Value) -> None:
        if self.state is not None and name in self.state:
            self.state[name] = Lst(None) if isinstance(value, Lst) else UNKNOWN

    # -- blocks --

    def run(self, statements: Iterable[cst.CSTNode]) -> None:
        for statement in statements:
            if self.state is None:
                return
            self.statement(statement)

    def run_suite(self, body: cst.BaseSuite) -> None:
        self.run(_block(body))

    def statement(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.SimpleStatementLine or kind is cst.SimpleStatementSuite:
            for small in node.body:  # type: ignore[attr-defined]
                if self.state is None:
                    return
                self.small(small)
                if self.captures:
                    for capture in self.captures:
                        capture.append(dict(self.state) if self.state is not None else None)
            return
        handler = _COMPOUND.get(kind)
        if handler is not None:
            handler(self, node)

    def small(self, node: cst.CSTNode) -> None:
        kind = type(node)
        evaluator = self.evaluator
        if kind is cst.Assign:
            evaluator.fresh_origins = set()
            value = evaluator.eval(node.value)
            for target in node.targets:
                self.assign(target.target, value, node.value, flat=True)
        elif kind is cst.Expr:
            value = node.value
            evaluator.eval(value)
        elif kind is cst.AugAssign:
            self._augassign(node)
        elif kind is cst.AnnAssign:
            if node.value is not None:
                evaluator.fresh_origins = set()
                value = evaluator.eval(node.value)
                self.assign(node.target, value, node.value, flat=True)
        elif isinstance(node, cst.Return):
            value = NONE if node.value is None else evaluator.eval_safe(node.value)
            if self.events and self.function is not None and node.value is not None:
                self._check_return(node.value, value)
            self.returns.append((value, dict(self.state or {})))
            self.state = None
        elif kind is cst.Raise:
            if node.exc is not None:
                evaluator.eval(node.exc)
            self.state = None
        elif kind is cst.Break or kind is cst.Continue:
            if self.loops and self.state is not None:
                self.loops[-1][0 if kind is cst.Break else 1].append(self.state)
            self.state = None
        elif kind is cst.Import:
            self._import(node)
        elif kind is cst.ImportFrom:
            self._import_from(node)
        elif kind is cst.Global or kind is cst.Nonlocal:
            for item in node.names:
                self.global_names.add(item.name.value)
                if self.state is not None:
                    self.state.pop(item.name.value, None)
        elif kind is cst.Del:
            self._delete(node.target)
        elif isinstance(node, cst.Assert):
            evaluator.eval(node.test)
            self._assert(node)

    def _check_return(self, value_node: cst.BaseExpression, value: Value) -> None:
        function = self.function
        assert function is not None
        if self.contradicted:
            return
        for index, declaration, item in declarations.return_mismatches(function, value, self.declared):
            node: cst.CSTNode = value_node
            if isinstance(value_node, cst.Tuple) and index < len(value_node.elements):
                node = value_node.elements[index].value
            what = f"returns {declarations.describe(declaration, item, self.declared)}"
            self.info.analysis.record_failure(
                node, "declared", f"`{function.name.value}` {what}", (Operand(node, item),), {"declaration": declaration}
            )

    # -- narrowing by what the code states about shapes --

    def _assert(self, node: cst.Assert) -> None:
        """`assert X.shape == (n, 1)`, `assert X.ndim == 2`: true after the statement, or it raises."""
        claim = _shape_claim(node.test)
        if claim is None or self.state is None:
            return
        name, kind, other = claim
        current = self.lookup(name)
        if kind == "ndim":
            rank = known_int(self.evaluator.eval(other))
            if rank is None or rank < 0:
                return
            if isinstance(current, Array) and current.rank is not None:
                if current.rank != rank:
                    self._failed_assert(node, name, current, f"has {current.rank} {'axis' if current.rank == 1 else 'axes'}, not {rank}")
                return
            self.bind_name(name, _with_rank(current, rank, True))
            return
        if kind.startswith("shape["):
            self._assert_axis(node, name, int(kind[6:-1]), current, self.evaluator.eval(other))
            return
        claimed = self.evaluator.eval(other)
        if not isinstance(claimed, Tup) or not all(isinstance(i, Int) for i in claimed.items):
            return
        shape = Shape(tuple(i.value for i in claimed.items if isinstance(i, Int)))
        if isinstance(current, Array) and current.shape.axes is not None:
            if certainly_different(current.shape, shape):
                self._failed_assert(node, name, current, f"is {current.shape}, not {shape}")
                return
            axes = tuple(
                b if isinstance(a, Unknown) or isinstance(b, Known) else a for a, b in zip(current.shape.axes, shape.axes or ())
            )
            self.bind_name(name, Array(Shape(axes), current.dtype))
        elif not isinstance(current, Array) or current.shape.axes is None:
            self.bind_name(name, Array(shape, current.dtype if isinstance(current, Array) else None))

    def _assert_axis(self, node: cst.Assert, name: str, index: int, current: Value, claimed: Value) -> None:
        """`assert X.shape[1] == 4`: fails on another known length, else the axis is that length after it."""
        if not isinstance(current, Array) or current.shape.axes is None or not isinstance(claimed, Int):
            return
        axes = current.shape.axes
        if not -len(axes) <= index < len(axes):
            return
        axis = axes[index]
        if same_length(axis, claimed.value) is False:
            self._failed_assert(node, name, current, f"is {current.shape}, axis {index} is {axis}, not {claimed.value}")
            return
        if isinstance(axis, Unknown) and not isinstance(claimed.value, Unknown):
            narrowed = list(axes)
            narrowed[index] = claimed.value
            self.bind_name(name, Array(Shape(tuple(narrowed)), current.dtype))

    def _failed_assert(self, node: cst.Assert, name: str, value: Array, what: str) -> None:
        if self.events:
            message = f"`{self.info.module.code_for_node(node.test)}` always fails: `{name}` {what}"
            self.info.analysis.record_failure(node.test, "declared", message, (Operand(node.test, value),))
        self.state = None

    def _narrowed(self, test: cst.BaseExpression) -> tuple[State | None, State | None] | None:
        """The states of `if X.ndim == k:` for its body and its else branch, when X's rank is not known."""
        claim = _shape_claim(test, allow_not_equal=True)
        if claim is None or claim[1] not in ("ndim", "ndim!=") or self.state is None:
            return None
        name, kind, other = claim
        rank = known_int(self.evaluator.eval(other))
        current = self.lookup(name)
        if rank is None or rank < 0 or (isinstance(current, Array) and current.rank is not None):
            return None
        equal = _with_rank(current, rank, True)
        different = _with_rank(current, rank, False)
        body, orelse = dict(self.state), dict(self.state)
        body[name], orelse[name] = (equal, different) if kind == "ndim" else (different, equal)
        return body, orelse

    # -- assignment --

    def assign(self, target: cst.BaseExpression, value: Value, value_node: cst.CSTNode | None, flat: bool) -> None:
        if self.state is None:
            return
        kind = type(target)
        if kind is cst.Name:
            name = target.value  # type: ignore[attr-defined]
            self.bind_name(name, value)
            analysis = self.info.analysis
            if self.recording and flat:
                analysis.record_assignment(target, value, value_node)  # type: ignore[arg-type]
            if self.events and flat:
                self._record_binding(target, value, value_node)  # type: ignore[arg-type]
            return
        if kind is cst.Tuple or kind is cst.List:
            elements = target.elements  # type: ignore[attr-defined]
            shape_of = self._narrow_by_unpacking(value_node, elements)
            values = _unpack(value, elements)
            if shape_of:
                # Whatever has a `.shape` that unpacks (an array, a tensor, a table) has int lengths.
                values = [Int(UNKNOWN_AXIS) if isinstance(v, Opaque) else v for v in values]
            for element, item in zip(elements, values):
                inner = element.value
                self.assign(inner, item, None, flat=flat and isinstance(inner, cst.Name))
            return
        if kind is cst.StarredElement:
            self.assign(target.value, Lst(None), None, flat=False)  # type: ignore[attr-defined]
            return
        if kind is cst.Attribute:
            if self.events and flat:
                self._record_binding(target, value, value_node)  # type: ignore[arg-type]
            self._assign_attribute(target, value)  # type: ignore[arg-type]
            return
        if kind is cst.Subscript:
            self._assign_subscript(target, value)  # type: ignore[arg-type]

    def _narrow_by_unpacking(self, value_node: cst.CSTNode | None, elements: Sequence[Any]) -> bool:
        """`n, m = X.shape` unpacks exactly two lengths, or raises: X has two axes after it.

        Whether the value unpacked is a name's `.shape`.
        """
        if not isinstance(value_node, cst.BaseExpression) or any(isinstance(e, cst.StarredElement) for e in elements):
            return False
        name, kind = _shape_subject(value_node)
        if name is None or kind != "shape":
            return False
        current = self.lookup(name)
        if isinstance(current, Array) and current.rank is not None:
            return True
        if isinstance(current, Opaque) and not self.info.reaches_numpy:
            return True
        if isinstance(current, Opaque) and current.key is None and not current.alternatives:
            return True  # an unknown local may be a table (`df.shape`) whose methods are not numpy's
        narrowed = _with_rank(current, len(elements), True)
        if narrowed is not current:
            self.bind_name(name, narrowed)
        return True

    def _record_binding(self, target: cst.Name | cst.Attribute, value: Value, value_node: cst.CSTNode | None) -> None:
        fresh = isinstance(value, Array) and value.origin is not None and value.origin in self.evaluator.fresh_origins
        self.info.analysis.record_binding(target, value_node, value, fresh)

    def _assign_attribute(self, target: cst.Attribute, value: Value) -> None:
        base_node = target.value
        attr = target.attr.value
        if not isinstance(base_node, cst.Name):
            self.evaluator.eval(base_node)
            return
        base = self.lookup(base_node.value)
        if attr == "shape":
            self.bind_name(base_node.value, UNKNOWN)
        elif isinstance(base, Instance):
            # Methods may mutate a list or dict kept on the instance: not followed.
            if isinstance(value, Lst):
                value = Lst(None)
            elif isinstance(value, Dct):
                value = UNKNOWN
            self.info.collect(base.cls, attr, value)
            attrs = tuple((k, v) for k, v in base.attrs if k != attr) + ((attr, value),)
            self.bind_name(base_node.value, Instance(base.cls, attrs))

    def _assign_subscript(self, target: cst.Subscript, value: Value) -> None:
        base_node = target.value
        index = self.evaluator.index_value(target)
        if not isinstance(base_node, cst.Name):
            self.evaluator.eval(base_node)
            return
        base = self.evaluator.eval_safe(base_node)
        if isinstance(base, Dct):
            if isinstance(index, Const):
                self.bind_name(base_node.value, base.with_item(index.value, value))
            else:
                self.bind_name(base_node.value, UNKNOWN)
        elif isinstance(base, Lst):
            position = known_int(index)
            if base.items is not None and position is not None and -len(base.items) <= position < len(base.items):
                items = list(base.items)
                items[position] = value
                self.bind_name(base_node.value, Lst(tuple(items)))
            else:
                self.bind_name(base_node.value, Lst(None))

    def _augassign(self, node: cst.AugAssign) -> None:
        evaluator = self.evaluator
        evaluator.fresh_origins = set()
        right = evaluator.eval(node.value)
        target = node.target
        if isinstance(target, cst.Name):
            left = self.lookup(target.value)
            op = AUG_OPERATORS.get(type(node.operator))
            if isinstance(left, Lst) and op is cst.Add:
                value: Value = Lst(None)
            elif op is None:
                value = UNKNOWN
            else:
                value = evaluator.binary_values(node, op, left, right, target, node.value)
                if isinstance(left, Array) and isinstance(value, Array):
                    # An in-place operator cannot change the array's shape: numpy raises instead.
                    if certainly_different(value.shape, left.shape) and self.events:
                        self.info.analysis.elementwise.append(
                            Elementwise(
                                node,
                                (Operand(target, left), Operand(node.value, right)),
                                UNKNOWN,
                                f"non-broadcastable output operand with shape {left.shape} "
                                f"doesn't match the broadcast shape {value.shape}",
                                _AUG_SPELLING.get(type(node.operator), "op="),
                            )
                        )
                    value = left
            self.assign(target, value, None, flat=True)
        elif isinstance(target, cst.Attribute):
            # `self.count += 1`: the attribute gets a new value (other methods read it).
            left = evaluator.eval(target)
            op = AUG_OPERATORS.get(type(node.operator))
            value = UNKNOWN if op is None else evaluator.binary_values(node, op, left, right, target, node.value)
            if isinstance(left, Array) and isinstance(value, Array):
                value = left  # in place: numpy keeps the shape or raises
            self.assign(target, value, None, flat=False)
        else:
            evaluator.eval(target)

    def _delete(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            if self.state is not None:
                self.state.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._delete(element.value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            value = self.lookup(target.value.value)
            if isinstance(value, (Lst, Dct)):
                self.escape(target.value.value, value)

    # -- imports --

    def _import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted_name(alias.name)
            if alias.asname is not None:
                name_node = alias.asname.name
                if isinstance(name_node, cst.Name):
                    self.bind_name(name_node.value, self._module_value(full))
            else:
                top = full.split(".")[0]
                self.bind_name(top, self._module_value(top))

    def _module_value(self, name: str) -> Value:
        if name == "numpy" or name.startswith("numpy."):
            return numpy_name(name)
        return ModuleRef(name) if self.info.importer is not None else UNKNOWN

    def _import_from(self, node: cst.ImportFrom) -> None:
        module = dotted_name(node.module) if node.module is not None else ""
        relative = bool(node.relative)
        if isinstance(node.names, cst.ImportStar):
            importer = self.info.importer
            names = importer(module, "*", len(node.relative)) if importer is not None and module != "numpy" else None
            if isinstance(names, Dct):
                for name, value in names.entries:
                    self.bind_name(name, value)
                    if self.info.module_walker is self:
                        self.info.star_names[name] = value
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else name
            if not relative and (module == "numpy" or module.startswith("numpy.")):
                value = numpy_name(f"{module}.{name}")
            else:
                importer = self.info.importer
                level = node.relative and len(node.relative) or 0
                value = Deferred(module, name, level, importer) if importer else UNKNOWN
            self.bind_name(local, value)

    # -- compound statements --

    def _if(self, node: cst.If) -> None:
        test = truth(self.evaluator.eval(node.test))
        narrowed = self._narrowed(node.test) if test is None else None
        if narrowed is not None:
            self.state = narrowed[0]
            self.run_suite(node.body)
            after_body = self.state
            self.state = narrowed[1]
            orelse = node.orelse
            if isinstance(orelse, cst.If):
                self._if(orelse)
            elif isinstance(orelse, cst.Else):
                self.run_suite(orelse.body)
            self.state = join_states(after_body, self.state)
            return
        if test is True:
            self.run_suite(node.body)
            return
        if test is False:
            orelse = node.orelse
            if isinstance(orelse, cst.If):
                self._if(orelse)
            elif isinstance(orelse, cst.Else):
                self.run_suite(orelse.body)
            return
        before = dict(self.state) if self.state is not None else None
        self.run_suite(node.body)
        after_body = self.state
        self.state = before
        orelse = node.orelse
        if isinstance(orelse, cst.If):
            self._if(orelse)
        elif isinstance(orelse, cst.Else):
            self.run_suite(orelse.body)
        self.state = join_states(after_body, self.state)

    def _loop(
        self, enter: Callable[[], None], body: cst.BaseSuite, orelse: cst.Else | None, runs: bool = False
    ) -> None:
        """Run a loop to a fixpoint; `runs` says the body certainly runs at least once."""
        head = self.state
        if head is None:
            return
        if self.recording or len(self.loops) < EXACT_LOOP_NESTING:
            head = self._fixpoint(head, enter, body)
        self.state = dict(head)
        breaks, end = self._iterate(enter, body)
        # The head holds the state before the first iteration too; a loop that
        # certainly runs leaves with what its iterations made.
        exit_state = end if runs and end is not None else join_states(head, end)
        if orelse is not None:
            self.state = exit_state
            self.run_suite(orelse.body)
            exit_state = self.state
        for state in breaks:
            exit_state = join_states(exit_state, state)
        self.state = exit_state

    def _fixpoint(self, head: State, enter: Callable[[], None], body: cst.BaseSuite) -> State:
        """The loop head's state once further iterations change nothing (or are widened)."""
        recording, events = self.recording, self.events
        self.recording = False
        rounds = 0
        while True:
            # The first pass sees exactly the first iteration's state, so what the
            # rules learn there is true of a real run; later passes see joins.
            self.events = events and rounds == 0
            self.state = dict(head)
            end = self._iterate(enter, body)[1]
            joined = join_states(head, end) or head
            new_head = joined if rounds < JOIN_ROUNDS else _widen(head, joined)
            rounds += 1
            if new_head == head or rounds >= JOIN_ROUNDS + WIDEN_ROUNDS:
                head = new_head
                break
            head = new_head
        self.recording, self.events = recording, events
        return head

    def _iterate(self, enter: Callable[[], None], body: cst.BaseSuite) -> tuple[list[State], State | None]:
        self.loops.append(([], []))
        enter()
        self.run_suite(body)
        breaks, continues = self.loops.pop()
        end = self.state
        for state in continues:
            end = join_states(end, state)
        return breaks, end

    def _for(self, node: cst.For) -> None:
        iterable = self.evaluator.eval_safe(node.iter)
        element = element_of(iterable)
        if self.recording and (isinstance(iterable, Range) or isinstance(iterable, Array)):
            self.info.analysis.loops.append(node)

        def enter() -> None:
            self.assign(node.target, element, None, flat=False)

        self._loop(enter, node.body, node.orelse, runs=_certainly_nonempty(iterable))

    def _while(self, node: cst.While) -> None:
        def enter() -> None:
            self.evaluator.eval(node.test)

        self.evaluator.eval(node.test)
        self._loop(enter, node.body, node.orelse)

    def _try(self, node: Any) -> None:
        capture: list[State | None] = [dict(self.state) if self.state is not None else None]
        self.captures.append(capture)
        self.run_suite(node.body)
        self.captures.pop()
        after_body = self.state
        handler_entry: State | None = None
        for state in capture + [after_body]:
            handler_entry = join_states(handler_entry, state)
        if node.orelse is not None and after_body is not None:
            self.state = after_body
            self.run_suite(node.orelse.body)
            after_body = self.state
        result = after_body
        for handler in node.handlers:
            self.state = dict(handler_entry) if handler_entry is not None else None
            if handler.type is not None:
                self.evaluator.eval(handler.type)
            if handler.name is not None and isinstance(handler.name.name, cst.Name):
                self.bind_name(handler.name.name.value, UNKNOWN)
            self.run_suite(handler.body)
            result = join_states(result, self.state)
        if node.finalbody is not None:
            self.state = join_states(result, handler_entry) if handler_entry is not None else result
            self.run_suite(node.finalbody.body)
            return
        self.state = result

    def _with(self, node: cst.With) -> None:
        for item in node.items:
            self.evaluator.eval(item.item)
            if item.asname is not None:
                self.assign(item.asname.name, UNKNOWN, None, flat=False)
        self.run_suite(node.body)

    def _match(self, node: Any) -> None:
        self.evaluator.eval(node.subject)
        before = self.state
        result: State | None = dict(before) if before is not None else None
        for case in node.cases:
            self.state = dict(before) if before is not None else None
            for name in _pattern_names(case.pattern):
                self.bind_name(name, UNKNOWN)
            if case.guard is not None:
                self.evaluator.eval(case.guard)
            self.run_suite(case.body)
            result = join_states(result, self.state)
        self.state = result

    def _function_def(self, node: cst.FunctionDef) -> None:
        value: Value = Function(node, self.owner)
        if node.decorators or node.asynchronous is not None:
            value = UNKNOWN
        self.bind_name(node.name.value, value)
        info = self.info
        if node not in info.seen_pending:
            info.seen_pending.add(node)
            scopes = self.enclosing + ((self.local_names,) if self.local_names is not None else ())
            info.scopes[node] = scopes
            info.pending.append((node, self.owner))

    def _class_def(self, node: cst.ClassDef) -> None:
        bases: list[cst.ClassDef] | None = []
        for arg in node.bases:
            base = self.evaluator.eval_safe(arg.value)
            if isinstance(base, Class):
                if bases is not None:
                    bases.append(base.node)
            elif not (isinstance(arg.value, cst.Name) and arg.value.value == "object"):
                bases = None
        self.info.class_bases[node] = bases
        scopes = self.enclosing + ((self.local_names,) if self.local_names is not None else ())
        body = Walker(self.info, {}, enclosing=scopes, owner=node)
        body.run_suite(node.body)
        if body.state is not None:
            self.info.class_states[node] = body.state
        self.bind_name(node.name.value, Class(node, self.info))

    # -- calls into the module's own functions --

    def call_user(self, func: Value, call: CallArgs, node: cst.Call) -> Value:
        if isinstance(func, Class):
            return self._instantiate(func, call)
        receiver = None
        if isinstance(func, BoundMethod):
            receiver, func = func.receiver, func.function
        assert isinstance(func, Function)
        if self.events and not self.generic:
            # In a generic context the arguments' shapes are declared ones, and
            # docstrings are loose about them (scikit-learn's `y` of a multilabel fit).
            self._check_call(func, call, receiver, node)
        result = self.info_call(func, call, receiver)
        holder = node.func.value if isinstance(node.func, cst.Attribute) else node.func  # `obj.m()`, or `obj()`
        if isinstance(receiver, Instance) and isinstance(holder, cst.Name):
            # The method may have assigned attributes of its receiver.
            params = _positional_params(func.node)
            final = result.finals.get(params[0]) if params else None
            self.bind_name(holder.value, final if isinstance(final, Instance) and final.cls == receiver.cls else UNKNOWN)
        # A list or dict passed by name may have been changed by the callee.
        params = _positional_params(func.node)
        offset = 1 if receiver is not None else 0
        for position, arg in enumerate(node.args):
            if isinstance(arg.value, cst.Name) and arg.keyword is None and not arg.star:
                current = self.state.get(arg.value.value) if self.state is not None else None
                if isinstance(current, (Lst, Dct)):
                    index = position + offset
                    param = params[index] if index < len(params) else None
                    final = result.finals.get(param) if param else None
                    self.bind_name(arg.value.value, final if final is not None else UNKNOWN)
        return result.value

    def _check_call(self, func: Function, call: CallArgs, receiver: Value | None, node: cst.Call) -> None:
        if not declarations.has_declarations(func.node):
            return
        frame = bind_arguments(func.node, call, receiver)
        if frame is None:
            return
        home = func.home if func.home is not None else self.info
        _, mismatches = declarations.check_call(func.node, frame, home.module)
        if not mismatches:
            return
        params = _positional_params(func.node)
        offset = 1 if receiver is not None else 0
        for name, declaration, value, bindings in mismatches:
            where: cst.CSTNode = node
            for position, arg in enumerate(node.args):
                keyword = arg.keyword.value if arg.keyword is not None else None
                index = position + offset
                if keyword == name or (keyword is None and not arg.star and index < len(params) and params[index] == name):
                    where = arg.value
            assert isinstance(value, Array)
            message = f"`{func.node.name.value}` argument `{name}` is {declarations.describe(declaration, value, bindings)}"
            self.info.analysis.record_failure(where, "declared", message, (Operand(where, value),), {"declaration": declaration})

    def info_call(self, func: Function, call: CallArgs, receiver: Value | None) -> FunctionResult:
        info = func.home if func.home is not None else self.info
        node = func.node
        if node in info.stack or len(info.stack) >= MAX_CALL_DEPTH:
            return UNKNOWN_RESULT
        frame = bind_arguments(node, call, receiver)
        if frame is None:
            return UNKNOWN_RESULT
        bindings: dict[str, Any] = {}
        contradicted = False
        if declarations.has_declarations(node):
            bindings, mismatches = declarations.check_call(node, frame, info.module)
            contradicted = bool(mismatches)
            declarations.call_parameters(node, frame, bindings)
        key = (node, tuple(frame.items()), info.live_globals_key())
        try:
            cached = info.memo.get(key)
        except TypeError:
            return UNKNOWN_RESULT
        if cached is not None:
            return cached
        if info.contexts[node] >= MAX_CONTEXTS:
            return UNKNOWN_RESULT
        info.contexts[node] += 1
        info.memo[key] = UNKNOWN_RESULT
        result = analyze_function(info, func, frame, bindings=bindings, generic=self.generic, contradicted=contradicted)
        info.memo[key] = result
        return result

    def _instantiate(self, cls: Class, call: CallArgs) -> Value:
        info = cls.home if cls.home is not None else self.info
        init = info.method_of(cls, "__init__")
        blank = Instance(cls, ())
        if init is None:
            return blank if not info.has_own_attribute(cls, "__new__") else UNKNOWN
        result = self.info_call(init, call, blank)
        instance = result.finals.get(_positional_params(init.node)[0]) if _positional_params(init.node) else None
        if not isinstance(instance, Instance):
            return Instance(cls, ())
        return info.settled(cls, instance.attrs)


_COMPOUND: dict[type, Callable[[Walker, Any], None]] = {
    cst.If: Walker._if,
    cst.For: Walker._for,
    cst.While: Walker._while,
    cst.Try: Walker._try,
    cst.With: Walker._with,
    cst.FunctionDef: Walker._function_def,
    cst.ClassDef: Walker._class_def,
}
if hasattr(cst, "TryStar"):
    _COMPOUND[cst.TryStar] = Walker._try
if hasattr(cst, "Match"):
    _COMPOUND[cst.Match] = Walker._match


def _shape_claim(test: cst.BaseExpression, allow_not_equal: bool = False) -> tuple[str, str, cst.BaseExpression] | None:
    """`X.shape == <expr>` -> (X, "shape", expr); `X.ndim == k`, `len(X.shape) == k`, `np.ndim(X) == k` -> (X, "ndim", k).

    With `allow_not_equal`, `X.ndim != k` gives kind "ndim!=".
    """
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    operator = test.comparisons[0].operator
    negated = isinstance(operator, cst.NotEqual)
    if not isinstance(operator, cst.Equal) and not (negated and allow_not_equal):
        return None
    sides = (test.left, test.comparisons[0].comparator)
    for subject, other in (sides, sides[::-1]):
        name, kind = _shape_subject(subject)
        if name is None or (negated and kind != "ndim"):
            continue
        return name, kind + ("!=" if negated else ""), other
    return None


def _shape_subject(node: cst.BaseExpression) -> tuple[str | None, str]:
    if (
        isinstance(node, cst.Subscript)
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Index)
        and _shape_subject(node.value)[1] == "shape"
    ):
        # `X.shape[1]`, `X.shape[-1]`: kind "shape[1]"
        index = node.slice[0].slice.value
        negative = isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus)
        digits = index.expression if negative and isinstance(index, cst.UnaryOperation) else index
        if isinstance(digits, cst.Integer):
            return _shape_subject(node.value)[0], f"shape[{'-' if negative else ''}{digits.value}]"
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.attr.value in ("shape", "ndim"):
        return node.value.value, node.attr.value
    if isinstance(node, cst.Call) and len(node.args) == 1 and node.args[0].keyword is None:
        arg = node.args[0].value
        callee = dotted_name(node.func)
        if callee == "len" and isinstance(arg, cst.Attribute) and arg.attr.value == "shape" and isinstance(arg.value, cst.Name):
            return arg.value.value, "ndim"
        if callee.endswith(".ndim") and isinstance(arg, cst.Name):
            return arg.value, "ndim"
        if callee.endswith(".shape") and isinstance(arg, cst.Name):
            return arg.value, "shape"
    return None, ""


def _with_rank(value: Value, rank: int, equal: bool) -> Value:
    """`value` known to have (`equal`) or not to have `rank` axes; a parameter stays one array (its `root`)."""
    if isinstance(value, Opaque) and value.alternatives:
        kept = tuple(s for s in value.alternatives if (s.rank == rank) == equal or s.rank is None)
        if len(kept) == 1 and kept[0].rank is not None:
            return Array(kept[0], root=value.key)
        if not kept:
            return value
        return Opaque(value.reason, value.key, value.name, kept)
    if not equal:
        return value
    if isinstance(value, Array):
        return Array(Shape((UNKNOWN_AXIS,) * rank), value.dtype, root=value.root)
    if isinstance(value, Opaque) and value.key is not None:
        return Array(
            Shape(tuple(Sym(f"{value.name}.shape[{i}]", (value.key, "shape", i)) for i in range(rank))), root=value.key
        )
    if not isinstance(value, Opaque):
        return value  # an instance of the project's own class with an `ndim`, a list, a number: not an array
    return Array(Shape((UNKNOWN_AXIS,) * rank))


def truth(value: Value) -> bool | None:
    """The truth of a condition the engine knows for certain (`if True:`, `if 5 > 2:`)."""
    if isinstance(value, Const) and isinstance(value.value, (bool, type(None), str)):
        return bool(value.value)
    if isinstance(value, Int) and isinstance(value.value, Known):
        return bool(value.value.value)
    return None


def _positional_params(node: cst.FunctionDef) -> list[str]:
    params = node.params
    return [p.name.value for p in list(params.posonly_params) + list(params.params)]


def literal_value(node: cst.BaseExpression | None) -> Value:
    """The value of a default argument, followed only for literals."""
    if isinstance(node, cst.Integer):
        return Int(Known(node.evaluated_value))
    if isinstance(node, cst.Float):
        return Const(node.evaluated_value)
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return BUILTINS[node.value]
    if isinstance(node, cst.SimpleString):
        try:
            return Const(node.evaluated_value)
        except Exception:
            return UNKNOWN
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) and isinstance(node.expression, cst.Integer):
        return Int(Known(-node.expression.evaluated_value))
    if isinstance(node, cst.Tuple):
        return Tup(tuple(literal_value(e.value) for e in node.elements))
    return UNKNOWN


def bind_arguments(node: cst.FunctionDef, call: CallArgs, receiver: Value | None) -> State | None:
    """The parameters' values for one call, or None where the call does not fit the signature."""
    params = node.params
    positional = list(params.posonly_params) + list(params.params)
    everything = positional + list(params.kwonly_params)
    if call.star:
        frame: State = {p.name.value: UNKNOWN for p in everything}
        if receiver is not None and positional:
            frame[positional[0].name.value] = receiver
        for extra in (params.star_arg, params.star_kwarg):
            if isinstance(extra, cst.Param):
                frame[extra.name.value] = UNKNOWN
        return frame
    args = ([receiver] if receiver is not None else []) + list(call.args)
    frame = {}
    for param, value in zip(positional, args):
        frame[param.name.value] = value
    extra_args = args[len(positional) :]
    if isinstance(params.star_arg, cst.Param):
        frame[params.star_arg.name.value] = Tup(tuple(extra_args))
    elif extra_args:
        return None
    keywords = {p.name.value for p in everything}
    for key, value in call.kwargs.items():
        if key in keywords and key not in frame and key not in {p.name.value for p in params.posonly_params}:
            frame[key] = value
        elif params.star_kwarg is None:
            return None
    if params.star_kwarg is not None:
        frame[params.star_kwarg.name.value] = UNKNOWN
    for param in everything:
        name = param.name.value
        if name not in frame:
            if param.default is None:
                return None
            frame[name] = literal_value(param.default)
    return frame


def generic_frame(info: ModuleInfo, node: cst.FunctionDef, owner: Any) -> State:
    """Parameters as fixed unknowns named after themselves, for a function nothing calls."""
    params = node.params
    frame: State = {}
    positional = list(params.posonly_params) + list(params.params)
    for index, param in enumerate(positional + list(params.kwonly_params)):
        name = param.name.value
        frame[name] = Opaque("parameter", key=(id(node), name), name=name)
    if owner is not None and positional and not node.decorators:
        frame[positional[0].name.value] = generic_instance(info, owner)
    for extra in (params.star_arg, params.star_kwarg):
        if isinstance(extra, cst.Param):
            frame[extra.name.value] = UNKNOWN
    return frame


def generic_instance(info: ModuleInfo, cls_node: cst.ClassDef) -> Value:
    cached = info.generic_instances.get(cls_node)
    if cached is not None:
        return cached
    info.generic_instances[cls_node] = UNKNOWN  # recursion guard
    cls = Class(cls_node, info)
    init = info.method_of(cls, "__init__")
    value: Value = Instance(cls, ())
    if init is not None:
        frame = generic_frame(info, init.node, None)
        bindings = declarations.generic_parameters(init.node, frame, cls_node)
        params = _positional_params(init.node)
        if params:
            frame[params[0]] = Instance(cls, ())
            result = analyze_function(info, init, frame, record=False, bindings=bindings, generic=True)
            final = result.finals.get(params[0])
            if isinstance(final, Instance):
                value = info.settled(cls, final.attrs)
    if not isinstance(value, Instance) or not value.attrs:
        value = info.settled(cls, ())
    info.generic_instances[cls_node] = value
    return value


def analyze_function(
    info: ModuleInfo,
    func: Function,
    frame: State,
    record: bool = True,
    bindings: dict[str, Any] | None = None,
    generic: bool = False,
    contradicted: bool = False,
) -> FunctionResult:
    # A function imported from another module runs in its own module's scope.
    info = func.home if func.home is not None else info
    node = func.node
    info.stack.append(node)
    info.seen_pending.add(node)
    try:
        walker = Walker(
            info,
            frame,
            local_names=info.scan.locals_of(node),
            enclosing=info.scopes.get(node, ()),
            function=node,
            owner=None,
        )
        # A module analyzed for its exports records no facts: nothing reports them.
        walker.recording = walker.events = record and not info.exports_only
        walker.declared = bindings if bindings is not None else {}
        walker.generic = generic
        walker.contradicted = contradicted
        walker.run_suite(node.body)
    finally:
        info.stack.pop()
    exits = list(walker.returns)
    if walker.state is not None:
        exits.append((NONE, walker.state))
    if not exits:
        return FunctionResult(UNKNOWN, {})
    value: Value | None = None
    finals: State | None = None
    for result, state in exits:
        value = result if value is None else join(value, result)
        finals = dict(state) if finals is None else join_states(finals, state)
    if walker.yields:
        value = UNKNOWN
    elif value is not None and walker.declared is not None:
        value = declarations.declared_return(node, value, walker.declared)
    return FunctionResult(value if value is not None else UNKNOWN, finals or {})


def _unpack(value: Value, elements: Sequence[Any]) -> list[Value]:
    count = len(elements)
    if any(isinstance(e, cst.StarredElement) for e in elements):
        return [UNKNOWN] * count
    if isinstance(value, (Tup, Lst)) and value.items is not None and len(value.items) == count:
        return list(value.items)
    if isinstance(value, Array) and value.shape.axes:
        rest = Array(Shape(value.shape.axes[1:]), value.dtype)
        return [rest] * count
    if isinstance(value, ShapeOf):
        return [value.item(Int(Known(i))) for i in range(count)]
    return [UNKNOWN] * count


def _certainly_nonempty(iterable: Value) -> bool:
    if isinstance(iterable, Range):
        return isinstance(iterable.length, Known) and iterable.length.value > 0
    if isinstance(iterable, Array) and iterable.shape.axes:
        first = iterable.shape.axes[0]
        return isinstance(first, Known) and first.value > 0
    return isinstance(iterable, (Tup, Lst)) and bool(iterable.items)


def target_names(target: cst.BaseExpression) -> list[str]:
    """The names a `for` target binds."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return []


def element_of(iterable: Value) -> Value:
    if isinstance(iterable, Range):
        return Int(UNKNOWN_AXIS)
    if isinstance(iterable, Array) and iterable.shape.axes:
        return Array(Shape(iterable.shape.axes[1:]), iterable.dtype)
    if isinstance(iterable, (Tup, Lst)) and iterable.items:
        value = iterable.items[0]
        for item in iterable.items[1:]:
            value = join(value, item)
        return value
    return UNKNOWN


def _pattern_names(pattern: Any) -> list[str]:
    names: list[str] = []

    class Collect(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            names.append(node.value)

    pattern.visit(Collect())
    return names


def analyze_module(module: cst.Module, importer: Importer | None = None, *, reaches_numpy: bool = True) -> Analysis:
    """Infer the shapes of one parsed module (`reaches_numpy`: see `ModuleInfo.reaches_numpy`)."""
    return analyze_module_info(module, importer, reaches_numpy=reaches_numpy).analysis


def analyze_module_info(
    module: cst.Module, importer: Importer | None = None, uncalled: bool = True, *, reaches_numpy: bool = True
) -> ModuleInfo:
    """Analyze a module and keep its scope, for modules that import from it.

    With `uncalled` False (a module analyzed for the names others import) the
    functions nothing calls are not analyzed: their facts would not be reported.
    """
    read_aliases(module)
    info = ModuleInfo(module, importer)
    info.exports_only = not uncalled
    info.reaches_numpy = reaches_numpy
    walker = Walker(info, {})
    walker.recording = walker.events = uncalled
    info.module_walker = walker
    info.live = True
    walker.run(module.body)
    info.live = False
    if not uncalled:
        return info
    # Functions the module calls by name wait until its other functions have
    # run: a helper called with known arrays is analyzed in those calls, as it
    # would be had the module's own statements called it first.
    called = info.scan.called_names
    deferred: deque[tuple[cst.FunctionDef, Any]] = deque()
    done = 0
    while done < len(info.pending) or deferred:
        if done < len(info.pending):
            node, owner = info.pending[done]
            done += 1
            if node.name.value in called and not info.contexts[node]:
                deferred.append((node, owner))
                continue
        else:
            node, owner = deferred.popleft()
        if info.contexts[node]:
            continue
        info.contexts[node] += 1
        func = Function(node, owner)
        frame = generic_frame(info, node, owner)
        bindings = declarations.generic_parameters(node, frame, owner)
        analyze_function(info, func, frame, bindings=bindings, generic=True)
    return info


__all__ = ["Walker", "analyze_module", "analyze_module_info", "join_states"]
