"""What the wrappers saw, as the engine's `Analysis` of each executed module.

The wrappers of `instrument.py` call the hooks here with the operands and
the result of every operation they ran. A hook turns the observed arrays
into the engine's abstract values (`Array(shape_of(*a.shape), kind)`),
applies the registry rule of the numpy function the operation stands for
(only to learn provenance: whether the result is an un-kept reduction or
has explicit axes), gives it its provenance with the evaluator's own
function (`provenance.with_provenance`), and records it through the same
recorder (`facts.Facts.record_operation`) for the same libcst nodes, but
with the observed shapes. `findings()` then runs the rules on them, so a runtime finding has
the code, span and wording of the static one, with the real numbers.

Provenance lives with the array object: an id-keyed table of
`(weakref, (origin, reduced, explicit))`, written only for arrays whose
provenance is not trivial. Cheapness comes from the per-site signature (the
operands' shapes, types and provenance, and the result's shape): the first
time a site runs with a signature, the hook does the full work and records
the event; afterwards it only looks the signature up and copies the
provenance it computed then onto the new result. A site that keeps seeing
new signatures (a growing array) stops recording after `MAX_SIGNATURES`.

A hook never raises into the user's program: an internal error disables
the site and is reported at the end.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field, replace
from typing import Any

import libcst as cst
import numpy as np

from ..api import lint_source, run_rules, to_findings
from ..fixing import verified_fixes
from ..domain import SCALAR, Known, shape_of
from ..engine.facts import Analysis, Facts, Operand
from ..engine.provenance import data_inputs, with_provenance
from ..findings import Finding
from ..numpy_api import REGISTRY, CallArgs, ShapeError, index_result
from ..rules import RULES
from ..values import (
    ELLIPSIS,
    NONE,
    UNKNOWN,
    Array,
    Const,
    Int,
    Lst,
    Opaque,
    PyFloat,
    RandomGen,
    SliceV,
    Tup,
    Value,
)
from .instrument import AUG, CALL, INDEX, Hooks, Instrumented, Site, SITES_NAME, instrument

ndarray = np.ndarray
_generic = np.generic
MAX_SIGNATURES = 16
# Lists and tuples longer than this are not followed item by item (data, not a shape).
MAX_ITEMS = 64
# An observed array's provenance: (origin, reduced, explicit, root), as `values.Array` holds them.
NO_PROV: tuple[Any, Any, bool, Any] = (None, None, False, None)
_METHOD_PREFIXES = ("numpy.ndarray.", "numpy.random.Generator.", "numpy.random.RandomState.")
_MISSING = object()
RUNTIME_RULES = [rule for rule in RULES if rule.runtime]


def kind_of(dtype: np.dtype) -> str:
    """The engine's dtype letter (tests/numpy_api/_check.py `dtype_kind`)."""
    kind = dtype.kind
    if kind == "b":
        return "b"
    if kind in "iu":
        return "i"
    return "f"


def observed_shape(value: Any) -> tuple[int, ...] | None:
    """The shape of an observed array or numpy scalar, None for anything else."""
    if isinstance(value, ndarray):
        return tuple(value.shape)
    if isinstance(value, _generic):
        return ()
    return None


@dataclass(kw_only=True)
class ModuleRecord(Facts):
    """One instrumented file: its rewrite, the name findings give it, and the facts seen in it."""

    instrumented: Instrumented
    display: str
    # Assignment target -> the distinct observed shapes (a tuple) or type names (a str) bound to it.
    observed: dict[cst.Name | cst.Attribute, list[tuple[int, ...] | str]] = field(default_factory=dict)
    executed: set[cst.CSTNode] = field(default_factory=set)

    @property
    def module(self) -> cst.Module:
        return self.instrumented.module

    @property
    def source(self) -> str:
        return self.instrumented.source

    def analysis(self) -> Analysis:
        return Analysis(
            module=self.module,
            elementwise=list(self.elementwise),
            products=list(self.products),
            transposes=list(self.transposes),
            failures=list(self.failures),
            bindings=list(self.bindings),
            qualnames=dict(self.qualnames),
        )


class _SiteState:
    __slots__ = ("site", "record", "seen", "off")

    def __init__(self, site: Site, record: ModuleRecord) -> None:
        self.site = site
        self.record = record
        self.seen: dict[Any, Any] = {}
        self.off = False


def _numpy_functions() -> dict[int, tuple[Any, str]]:
    """id -> (object, qualified name) of numpy's public callables, the registry's names first."""
    table: dict[int, tuple[Any, str]] = {}

    def add(obj: Any, qualname: str) -> None:
        if callable(obj) and id(obj) not in table:
            table[id(obj)] = (obj, qualname)

    for qualname in REGISTRY:
        parts = qualname.split(".")
        obj: Any = np
        try:
            for part in parts[1:]:
                obj = getattr(obj, part)
        except AttributeError:
            continue
        add(obj, qualname)
    # `vars`, not `getattr`: numpy loads some submodules lazily on attribute access.
    for namespace, prefix in ((np, "numpy"), (np.random, "numpy.random"), (np.linalg, "numpy.linalg"), (np.fft, "numpy.fft")):
        for name, obj in list(vars(namespace).items()):
            if not name.startswith("_") and not isinstance(obj, type(np)):
                add(obj, f"{prefix}.{name}")
    return table


class Recorder:
    """Collects observed events for every instrumented module of one run."""

    def __init__(self, cwd: str | None = None) -> None:
        # The working directory the run started in: file names are relative to it, whatever
        # the program's own `os.chdir` does.
        self.cwd = cwd or os.getcwd()
        self.sites: list[Site | None] = []
        self._states: list[_SiteState | None] = []
        self.modules: list[ModuleRecord] = []
        self.wrapper_codes: dict[Any, int] = {}
        self.internal_errors: list[str] = []
        self._provs: dict[int, tuple[Any, tuple[Any, Any, bool, Any]]] = {}
        self._prov_limit = 4096
        self._functions: dict[int, tuple[Any, str]] | None = None
        self.hooks = Hooks(self.binary, self.unary, self.call, self.attr, self.index, self.bind, self.aug)

    # -- modules --

    def instrument(self, source: str, filename: str, display: str | None = None, module: cst.Module | None = None) -> Instrumented:
        """Rewrite one module's source; raises InstrumentError or SyntaxError (see `instrument`)."""
        made = instrument(source, filename, len(self.sites), module)
        record = ModuleRecord(instrumented=made, display=display if display is not None else display_name(filename, self.cwd))
        self.modules.append(record)
        for site in made.sites:
            self.sites.append(site)
            self._states.append(_SiteState(site, record) if site is not None else None)
        return made

    def prepare(self, made: Instrumented, namespace: dict[str, Any]) -> None:
        """Put the module's wrappers into the namespace its code runs in."""
        wrappers = made.wrappers(namespace, self.hooks)
        for site, wrapper in zip(made.sites, wrappers):
            code = getattr(wrapper, "__code__", None)
            if site is not None and code is not None:
                self.wrapper_codes[code] = site.gid
        namespace[SITES_NAME] = wrappers

    def ran(self, site: Site) -> bool:
        """Whether the site ran with arrays (or anything it records) at least once."""
        state = self._states[site.gid]
        return state is not None and (bool(state.seen) or state.off)

    def record_of(self, site: Site) -> ModuleRecord:
        state = self._states[site.gid]
        assert state is not None
        return state.record

    # -- provenance of observed arrays --

    def _prov(self, array: Any) -> tuple[Any, Any, bool, Any] | None:
        entry = self._provs.get(id(array))
        if entry is not None and entry[0]() is array:
            return entry[1]
        return None

    def _set_prov(self, result: Any, prov: Any) -> None:
        if prov is NO_PROV or prov is None:
            return
        if type(prov) is list:  # per item of a tuple or list result
            if isinstance(result, (tuple, list)):
                for item, item_prov in zip(result, prov):
                    self._set_prov(item, item_prov)
            return
        if type(result) is not ndarray:
            return
        provs = self._provs
        provs[id(result)] = (weakref.ref(result), prov)
        if len(provs) > self._prov_limit:
            # Entries of dead arrays are dropped in sweeps, each after the table has doubled.
            try:
                for key in [k for k, (ref, _) in list(provs.items()) if ref() is None]:
                    provs.pop(key, None)
            except RuntimeError:  # another thread changed the table: sweep next time
                pass
            self._prov_limit = max(4096, 2 * len(provs))

    # -- abstract values --

    def value(self, obj: Any, prov: tuple[Any, Any, bool, Any] | None = None, depth: int = 0) -> Value:
        """The engine's abstract value of an observed object (with the array's provenance)."""
        kind = type(obj)
        if kind is ndarray:
            if prov is None:
                prov = self._prov(obj)
            origin, reduced, explicit, root = prov if prov is not None else NO_PROV
            # An array made outside the instrumented code is its own identity.
            return Array(shape_of(*obj.shape), kind_of(obj.dtype), origin, reduced, explicit, root or ("id", id(obj)))
        if isinstance(obj, _generic):
            return Array(SCALAR, kind_of(obj.dtype))
        if kind is bool or obj is None or kind is str:
            return Const(obj)
        if kind is int:
            return Int(Known(obj))
        if kind is float:
            return Const(obj)
        if kind is complex:
            return PyFloat()
        if kind is tuple or kind is list:
            if len(obj) > MAX_ITEMS or depth > 4:
                return Lst(None) if kind is list else UNKNOWN
            items = tuple(self.value(item, None, depth + 1) for item in obj)
            return Tup(items) if kind is tuple else Lst(items)
        if kind is slice:
            return SliceV(self.value(obj.start), self.value(obj.stop), self.value(obj.step))
        if obj is Ellipsis:
            return ELLIPSIS
        if isinstance(obj, np.random.Generator):
            return RandomGen("Generator")
        if isinstance(obj, np.random.RandomState):
            return RandomGen("RandomState")
        if isinstance(obj, type) and (issubclass(obj, _generic) or obj in (bool, int, float, complex)):
            return Const(obj)
        if isinstance(obj, np.dtype):
            return Const(obj.type)
        return Opaque("runtime object")

    def _provenance(
        self, node: cst.CSTNode, qualname: str | None, observed: Value, derived: Value, inputs: list[Value]
    ) -> Value:
        """The observed result with the provenance the registry rule gives (`Evaluator.apply`)."""
        if isinstance(observed, Array):
            reduced, explicit = None, False
            if isinstance(derived, Array) and derived.rank == observed.rank and not any(derived is a for a in inputs):
                reduced, explicit = derived.reduced, derived.explicit
                if reduced is not None and reduced.node is None:
                    reduced = replace(reduced, node=node)
            fresh = Array(observed.shape, observed.dtype, None, reduced, explicit)
            return with_provenance(node, qualname, fresh, inputs)[0]
        if isinstance(observed, (Tup, Lst)) and isinstance(derived, (Tup, Lst)) and observed.items is not None:
            if derived.items is not None and len(derived.items) == len(observed.items):
                items = []
                for seen, made in zip(observed.items, derived.items):
                    if isinstance(seen, Array) and isinstance(made, Array) and seen.rank == made.rank:
                        seen = Array(seen.shape, seen.dtype, made.origin, made.reduced, made.explicit, made.root)
                    items.append(seen)
                return Tup(tuple(items)) if isinstance(observed, Tup) else Lst(tuple(items))
        return observed

    @staticmethod
    def _prov_of_value(value: Value) -> Any:
        if isinstance(value, Array):
            if value.origin is None and value.reduced is None and not value.explicit and value.root is None:
                return NO_PROV
            return (value.origin, value.reduced, value.explicit, value.root)
        if isinstance(value, (Tup, Lst)) and value.items is not None:
            provs = [Recorder._prov_of_value(item) for item in value.items]
            return provs if any(p is not NO_PROV for p in provs) else NO_PROV
        return NO_PROV

    # -- applying a numpy function to observed values --

    def _apply(
        self,
        site: Site,
        qualname: str | None,
        args: list[Value],
        kwargs: dict[str, Value],
        arg_nodes: list[cst.CSTNode],
        result_obj: Any,
        spelling: str | None,
        star: bool = False,
        error: tuple[str, str] | None = None,
    ) -> Value:
        """Evaluate like `Evaluator.apply` + `_record`, with the observed result; `error` is (kind, message)."""
        node = site.node
        observed = self.value(result_obj) if error is None else UNKNOWN
        derived: Value = UNKNOWN
        rule = REGISTRY.get(qualname) if qualname else None
        if rule is not None and error is None:
            try:
                derived = rule(CallArgs(list(args), dict(kwargs), star, node, qualname or ""))
            except ShapeError:
                derived = UNKNOWN
            except Exception:  # a rule bug must not change what the program does
                derived = UNKNOWN
        inputs = data_inputs(qualname, args, kwargs)
        result = self._provenance(node, qualname, observed, derived, inputs) if error is None else UNKNOWN
        if qualname is not None:
            operands = tuple(Operand(n, v) for n, v in zip(arg_nodes, args))
            self.record_of(site).record_operation(node, qualname, operands, result, error, spelling)
        return result

    def _qualname(self, func: Any) -> str | None:
        table = self._functions
        if table is None:
            table = self._functions = _numpy_functions()
        entry = table.get(id(func))
        if entry is not None and entry[0] is func:
            return entry[1]
        try:
            owner = getattr(func, "__self__", None)
            if owner is None:
                return None
            if type(owner) is ndarray or isinstance(owner, _generic):
                return "numpy.ndarray." + func.__name__
            if isinstance(owner, np.random.Generator):
                return "numpy.random.Generator." + func.__name__
            if isinstance(owner, np.random.RandomState):
                return "numpy.random.RandomState." + func.__name__
        except Exception:
            return None
        return None

    def _fail(self, state: _SiteState, exc: BaseException) -> None:
        state.off = True
        site = state.site
        self.internal_errors.append(
            f"{state.record.display}:{site.start[0]}: {type(exc).__name__}: {exc}"
        )

    def _remember(self, state: _SiteState, key: Any, value: Value) -> Any:
        prov = self._prov_of_value(value)
        if len(state.seen) < MAX_SIGNATURES:
            state.seen[key] = prov
        else:
            state.off = True
        return prov

    # -- hooks: each returns the operation's result unchanged --
    #
    # The fast path of every hook is inline code on purpose: it runs for every
    # operation of the program. Signatures hold shapes and types only; the
    # provenance an operation gives its result is computed the first time a
    # signature is seen and copied onto later results (`_remember`).

    def binary(self, gid: int, left: Any, right: Any, result: Any) -> Any:
        tl, tr = type(left), type(right)
        if tl is not ndarray and tr is not ndarray:
            return result
        state = self._states[gid]
        if state is None or state.off:
            return result
        key = (
            left.shape if tl is ndarray else tl,
            right.shape if tr is ndarray else tr,
            result.shape if type(result) is ndarray else type(result),
        )
        prov = state.seen.get(key, _MISSING)
        if prov is _MISSING:
            try:
                prov = self._remember(state, key, self._observe_binary(state.site, left, right, result))
            except Exception as exc:
                self._fail(state, exc)
                return result
        if prov is not NO_PROV:
            self._set_prov(result, prov)
        return result

    def _observe_binary(self, site: Site, left: Any, right: Any, result: Any) -> Value:
        lv, rv = self.value(left), self.value(right)
        if not isinstance(lv, Array) and not isinstance(rv, Array):
            return UNKNOWN
        if isinstance(lv, Opaque) or isinstance(rv, Opaque):
            return UNKNOWN
        return self._apply(site, site.qualname, [lv, rv], {}, list(site.operand_nodes), result, site.spelling)

    def aug(self, gid: int, left: Any, right: Any, result: Any) -> Any:
        state = self._states[gid]
        if state is None or state.off:
            return result
        tl, tr, tz = type(left), type(right), type(result)
        key = (
            left.shape if tl is ndarray else tl,
            right.shape if tr is ndarray else tr,
            result.shape if tz is ndarray else tz,
        )
        prov = state.seen.get(key, _MISSING)
        if prov is _MISSING:
            try:
                site = state.site
                value: Value = UNKNOWN
                if tl is ndarray or tr is ndarray:
                    value = self._observe_binary(site, left, right, result)
                self._bound(state, site.targets[0], None, result, value)
                prov = self._remember(state, key, value)
            except Exception as exc:
                self._fail(state, exc)
                return result
        if prov is not NO_PROV:
            self._set_prov(result, prov)
        return result

    def unary(self, gid: int, operand: Any, result: Any) -> Any:
        if type(operand) is not ndarray:
            return result
        state = self._states[gid]
        if state is None or state.off:
            return result
        key = operand.shape
        prov = state.seen.get(key, _MISSING)
        if prov is _MISSING:
            try:
                site = state.site
                value = self._apply(site, site.qualname, [self.value(operand)], {}, list(site.operand_nodes), result, None)
                prov = self._remember(state, key, value)
            except Exception as exc:
                self._fail(state, exc)
                return result
        if prov is not NO_PROV:
            self._set_prov(result, prov)
        return result

    # `.T` and friends record like a unary operation.
    attr = unary

    def index(self, gid: int, base: Any, components: tuple, result: Any) -> Any:
        if type(base) is not ndarray:
            return result
        state = self._states[gid]
        if state is None or state.off:
            return result
        key = (base.shape, result.shape if type(result) is ndarray else type(result))
        prov = state.seen.get(key, _MISSING)
        if prov is _MISSING:
            try:
                prov = self._remember(state, key, self._observe_index(state.site, base, components, result))
            except Exception as exc:
                self._fail(state, exc)
                return result
        if prov is not NO_PROV:
            self._set_prov(result, prov)
        return result

    def key_value(self, site: Site, components: tuple) -> Value:
        """The abstract subscript of an index site, from the values of its components."""
        items: list[Value] = []
        values = iter(components)
        for entry in site.key_layout:
            if entry[0] == "i":
                items.append(self.value(next(values)))
            else:
                bounds = [self.value(next(values)) if present else NONE for present in entry[1:]]
                items.append(SliceV(*bounds))
        if site.single:
            return items[0]
        return Tup(tuple(items))

    def _observe_index(self, site: Site, base: Any, components: tuple, result: Any) -> Value:
        base_value = self.value(base)
        assert isinstance(base_value, Array)
        try:
            derived = index_result(base_value, self.key_value(site, components))
        except Exception:
            derived = UNKNOWN
        observed = self.value(result)
        if not isinstance(observed, Array):
            return observed
        explicit = derived.explicit if isinstance(derived, Array) and derived.rank == observed.rank else False
        value = Array(observed.shape, observed.dtype, None, None, explicit)
        # An index that drops axes from rank 2+ makes a new rank-1 array (`Evaluator.subscript_values`).
        return with_provenance(site.node, None, value, [base_value] if base_value.rank == 1 else [])[0]

    def call(self, gid: int, func: Any, values: tuple, result: Any) -> Any:
        state = self._states[gid]
        if state is None or state.off:
            return result
        entry = self._functions.get(id(func)) if self._functions is not None else None
        qualname = entry[1] if entry is not None and entry[0] is func else self._qualname(func)
        if qualname is None:
            return result
        shapes = []
        for v in values:
            shapes.append(v.shape if type(v) is ndarray else type(v))
        key = (qualname, tuple(shapes), result.shape if type(result) is ndarray else type(result))
        prov = state.seen.get(key, _MISSING)
        if prov is _MISSING:
            try:
                prov = self._remember(state, key, self._observe_call(state.site, qualname, func, values, result))
            except Exception as exc:
                self._fail(state, exc)
                return result
        if prov is not NO_PROV:
            self._set_prov(result, prov)
        return result

    def call_arguments(
        self, site: Site, qualname: str, func: Any, values: tuple
    ) -> tuple[list[Value], dict[str, Value], list[cst.CSTNode], bool]:
        """(args, kwargs, arg nodes, star) as `Evaluator._arguments` builds them, with the receiver first for methods."""
        args: list[Value] = []
        kwargs: dict[str, Value] = {}
        nodes: list[cst.CSTNode] = []
        star = False
        for (kind, keyword, node), obj in zip(site.args, values):
            if kind == "pos":
                args.append(self.value(obj))
                nodes.append(node)
            elif kind == "kw":
                kwargs[keyword or ""] = self.value(obj)
            elif kind == "star":
                if isinstance(obj, (tuple, list)) and len(obj) <= MAX_ITEMS:
                    args.extend(self.value(item) for item in obj)
                    nodes.extend([node] * len(obj))
                else:
                    star = True
            else:
                if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
                    kwargs.update({k: self.value(v) for k, v in obj.items()})
                else:
                    star = True
        # Methods are registered with their receiver as the first argument (`numpy.ndarray.sum`);
        # `np.random.rand` is a method of numpy's global RandomState but registered without it.
        call_node = site.node
        if qualname.startswith(_METHOD_PREFIXES) and isinstance(call_node, cst.Call) and isinstance(call_node.func, cst.Attribute):
            args.insert(0, self.value(getattr(func, "__self__", None)))
            nodes.insert(0, call_node.func.value)
        return args, kwargs, nodes, star

    def _observe_call(self, site: Site, qualname: str, func: Any, values: tuple, result: Any) -> Value:
        args, kwargs, nodes, star = self.call_arguments(site, qualname, func, values)
        return self._apply(site, qualname, args, kwargs, nodes, result, None, star)

    def bind(self, gid: int, value: Any) -> Any:
        state = self._states[gid]
        if state is None or state.off:
            return value
        kind = type(value)
        if kind is ndarray:
            key: Any = value.shape
        elif kind is tuple or kind is list:
            shapes = [kind]
            for item in value[:8]:
                shapes.append(item.shape if type(item) is ndarray else type(item))
            key = tuple(shapes)
        else:
            key = kind
        if key in state.seen:
            return value
        try:
            self._observe_bind(state, value)
            if len(state.seen) < MAX_SIGNATURES:
                state.seen[key] = True
            else:
                state.off = True
        except Exception as exc:
            self._fail(state, exc)
        return value

    def _observe_bind(self, state: _SiteState, value: Any) -> None:
        site = state.site
        kind = type(value)
        if site.unpacked:
            items: list[Any] | None = None
            if kind in (tuple, list) and len(value) == len(site.targets):
                items = list(value)
            elif kind is ndarray and value.ndim and value.shape[0] == len(site.targets):
                items = [value[0]] * len(site.targets)  # rows: one is enough for the shape
            for i, target in enumerate(site.targets):
                if items is None:
                    self._observe_target(state.record, target, "not unpacked here")
                    continue
                item = items[i]
                item_value = self.value(item) if type(item) is ndarray else None
                self._bound(state, target, None, item, item_value)
        else:
            abstract = self.value(value) if kind is ndarray or isinstance(value, _generic) else None
            for target in site.targets:
                self._bound(state, target, site.value_node, value, abstract)

    def _observe_target(self, record: ModuleRecord, target: cst.Name | cst.Attribute, seen: tuple[int, ...] | str) -> None:
        found = record.observed.setdefault(target, [])
        if seen not in found and len(found) < MAX_SIGNATURES:
            found.append(seen)

    def _bound(
        self, state: _SiteState, target: cst.Name | cst.Attribute, value_node: cst.CSTNode | None, obj: Any, value: Value | None
    ) -> None:
        """One name bound to `obj` (abstract `value`): a Binding for the rules, the shape for `--compare`."""
        record = state.record
        record.executed.add(state.site.node)
        shape = observed_shape(obj)
        self._observe_target(record, target, shape if shape is not None else type(obj).__name__)
        if isinstance(value, Array):
            fresh = value.origin is not None and value.origin in state.site.inner
            record.record_binding(target, value_node, value, fresh)

    # -- a failed operation (from the traceback) --

    def record_failure(self, gid: int, operands: dict[str, Any], exc: BaseException) -> Site | None:
        """Record the events of the site whose operation raised `exc`; `operands` are its wrapper's locals.

        Returns the site if `exc` is a shape error the rules know (broadcast,
        matmul, reshape, index), else None.
        """
        state = self._states[gid] if 0 <= gid < len(self._states) else None
        if state is None:
            return None
        site = state.site
        kind = error_kind(exc)
        if kind is None or kind == "other":
            return None
        error = (kind, str(exc).strip())
        try:
            if site.kind in ("binary", "compare", AUG):
                left, right = operands.get("__l"), operands.get("__r")
                qualname = site.qualname
                if kind == "matmul" and qualname != "numpy.matmul":
                    return None
                self._apply(site, qualname, [self.value(left), self.value(right)], {}, list(site.operand_nodes), None,
                            site.spelling, error=error)
                return site
            if site.kind == CALL:
                func = operands.get("__f")
                qualname = self._qualname(func)
                if qualname is None:
                    return None
                values = tuple(operands.get(f"__{i}") for i in range(len(site.args)))
                args, kwargs, nodes, star = self.call_arguments(site, qualname, func, values)
                if kind == "reshape" and not qualname.endswith("reshape"):
                    return None
                self._apply(site, qualname, args, kwargs, nodes, None, None, star, error=error)
                return site
            if site.kind == INDEX and kind == "index":
                base = operands.get("__o")
                record = state.record
                record.record_failure(site.node, "index", error[1], (Operand(site.operand_nodes[0], self.value(base)),))
                return site
        except Exception as exc2:
            self._fail(state, exc2)
        return None

    # -- the findings --

    def findings(self, enabled: set[str] | None = None, rank1: str = "hazards") -> list[Finding]:
        """The rules' findings on what was observed, once per span, with concrete fixes in their messages.

        Every runtime rule runs (a hazard that makes SL001 matter counts even
        where its own code is not `enabled`); then the findings are selected.
        """
        from .fixes import concretize

        out: list[Finding] = []
        for record in self.modules:
            analysis = record.analysis()
            if not analysis.any():
                continue
            reports = run_rules(analysis, RUNTIME_RULES, rank1)
            for rule, report in reports:
                concretize(rule, report, analysis)
            found = self._checked_fixes(record, to_findings(record.module, record.display, reports), rank1)
            out.extend(replace(f, source="runtime") for f in found if enabled is None or f.code in enabled)
        return out


    @staticmethod
    def _checked_fixes(record: ModuleRecord, found: list[Finding], rank1: str) -> list[Finding]:
        """Hold back a fix whose file, fixed, has a static finding it did not have (the program is not re-run)."""
        if not any(f.fix is not None for f in found):
            return found

        def lint(text: str) -> list[Finding]:
            return lint_source(text, record.display, rank1=rank1, verify_fixes=False)

        return verified_fixes(record.source, found, lint, before=lint(record.source))


def error_kind(exc: BaseException) -> str | None:
    """The family of a numpy shape error, as the rules name them, from its type and message."""
    text = str(exc)
    if isinstance(exc, IndexError):
        if "too many indices" in text or "out of bounds" in text:
            return "index"
        return "other" if "shape" in text else None
    if not isinstance(exc, ValueError):
        return None
    if "could not be broadcast" in text or "non-broadcastable output operand" in text:
        return "broadcast"
    if "matmul: Input operand" in text or "not aligned" in text or "mismatch in its core dimension" in text:
        return "matmul"
    if "cannot reshape array" in text or "can only specify one unknown dimension" in text:
        return "reshape"
    if any(word in text for word in ("shape", "dimension", "size")):
        return "other"  # a shape error no rule has a code for (`np.concatenate`): explained, not a finding
    return None


def display_name(path: str, start: str | None = None) -> str:
    """The path as findings name it: relative to the working directory `start` where it lies below it."""
    try:
        relative = os.path.relpath(path, start)
    except ValueError:  # another drive on Windows
        return path
    if relative.startswith(os.pardir + os.sep) or relative == os.pardir:
        return path
    return relative


__all__ = ["ModuleRecord", "Recorder", "display_name", "error_kind", "kind_of", "observed_shape"]
