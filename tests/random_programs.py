"""Random numpy programs over the API the engine knows, with the shapes they really produce.

`generate(rng)` builds a program statement by statement: each candidate is
run with real numpy and kept only if it runs, so the program is valid Python
that executes to the end. `run_recorded(program)` executes it again with
every assignment wrapped to record the value's shape by row, the ground
truth the engine's `shapes` output is compared with.

Besides numpy expressions a program uses functions whose shapes are declared
(numpydoc sections, jaxtyping and numpy typing annotations, written from the
arguments' real shapes) and called both directly and through a list (so the
engine analyzes them for no call in particular), classes with attributes set
in several methods and class constants, and helper modules of its own
(`Program.modules`, written beside the program and imported by it).
"""

from __future__ import annotations

import random
import sys
import tempfile
import warnings
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PRELUDE = "import numpy as np\nrng = np.random.default_rng(0)\nnp.random.seed(0)\n"
# Annotations are strings (jaxtyping is not installed): read, never evaluated.


@dataclass
class Program:
    lines: list[str] = field(default_factory=list)  # plain source lines
    recorded: list[str] = field(default_factory=list)  # the same lines, assignments wrapped
    # Helper modules the program imports: module name -> source (written to `folder`).
    modules: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def source(self) -> str:
        return PRELUDE + "".join(line + "\n" for line in self.lines)

    @property
    def recording_source(self) -> str:
        return PRELUDE + "".join(line + "\n" for line in self.recorded)

    def first_row(self) -> int:
        return PRELUDE.count("\n") + 1


class Generator:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.ns: dict[str, Any] = {}
        exec(PRELUDE, self.ns)
        self.program = Program()
        self.counter = 0
        self.tag = rnd.randrange(10**9)  # module names unique to this program (Python caches imports)

    # -- pools --

    def arrays(self, min_rank: int = 0, max_rank: int = 4) -> list[str]:
        return [
            k
            for k, v in self.ns.items()
            if isinstance(v, np.ndarray) and min_rank <= v.ndim <= max_rank and not k.startswith("_") and v.size < 5000
        ]

    def ints(self) -> list[str]:
        return [k for k, v in self.ns.items() if type(v) is int and 0 < v < 8 and not k.startswith("_")]

    def pick_array(self, min_rank: int = 0, max_rank: int = 4) -> str | None:
        pool = self.arrays(min_rank, max_rank)
        return self.rnd.choice(pool) if pool else None

    def size(self) -> str:
        ints = self.ints()
        if ints and self.rnd.random() < 0.3:
            return self.rnd.choice(ints)
        return str(self.rnd.randint(1, 5))

    def dims(self, lo: int = 1, hi: int = 3) -> list[str]:
        return [self.size() for _ in range(self.rnd.randint(lo, hi))]

    def shape_tuple(self) -> str:
        d = self.dims()
        return "(" + ", ".join(d) + ("," if len(d) == 1 else "") + ")"

    def new_name(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    # -- expressions --

    def creation(self) -> str:
        r = self.rnd
        choice = r.randrange(14)
        if choice == 0:
            return f"np.zeros({self.shape_tuple()})"
        if choice == 1:
            return f"np.ones({self.size()})"
        if choice == 2:
            return f"np.random.rand({', '.join(self.dims())})"
        if choice == 3:
            return f"np.random.randn({', '.join(self.dims())})"
        if choice == 4:
            return f"np.arange({self.size()})"
        if choice == 5:
            return f"np.linspace(0, 1, {self.size()})"
        if choice == 6:
            return f"np.eye({self.size()})"
        if choice == 7:
            return f"np.full({self.shape_tuple()}, 2.0)"
        if choice == 8:
            return f"rng.normal(size={self.shape_tuple()})"
        if choice == 9:
            rows, cols = r.randint(1, 3), r.randint(1, 3)
            return "np.array([" + ", ".join("[" + ", ".join(str(r.randint(0, 9)) for _ in range(cols)) + "]" for _ in range(rows)) + "])"
        if choice == 10:
            return f"np.random.randint(0, 5, size={self.shape_tuple()})"
        if choice == 11:
            a = self.pick_array()
            return f"np.zeros_like({a})" if a else "np.zeros(3)"
        if choice == 12:
            return f"rng.random({self.shape_tuple()})"
        return f"np.random.uniform(-1, 1, size=({self.size()}, {self.size()}))"

    def expression(self) -> str | None:
        r = self.rnd
        family = r.randrange(7)
        a = self.pick_array()
        if a is None or family == 0:
            return self.creation()
        b = self.pick_array() or a
        v = self.ns[a]
        k = r.randrange(-v.ndim, v.ndim) if v.ndim else 0
        if family == 1:  # elementwise
            return r.choice(
                [
                    f"np.exp({a})",
                    f"np.tanh({a})",
                    f"np.sqrt(np.abs({a}))",
                    f"-{a}",
                    f"{a} ** 2",
                    f"{a} + {b}",
                    f"{a} * {b}",
                    f"{a} - 1.5",
                    f"2 * {a} + 1",
                    f"np.maximum({a}, {b})",
                    f"{a} > {b}",
                    f"np.where({a} > 0, {a}, {b})",
                    f"{a} / ({b} + 1.0)",
                    f"np.clip({a}, 0, 1)",
                    f"1 / (1 + np.exp(-{a}))",
                ]
            )
        if family == 2:  # reductions
            fn = r.choice(["sum", "mean", "max", "min", "std", "prod", "any", "all", "argmax", "argmin", "var"])
            axis = r.choice(["", f"axis={k}", f"axis={k}, keepdims=True", "axis=None", "keepdims=True"])
            if fn in ("argmax", "argmin"):
                axis = r.choice(["", f"axis={k}"])
            if r.random() < 0.5:
                return f"{a}.{fn}({axis})"
            return f"np.{fn}({a}{', ' + axis if axis else ''})"
        if family == 3:  # products
            return r.choice(
                [
                    f"{a} @ {b}",
                    f"np.dot({a}, {b})",
                    f"np.outer({a}, {b})",
                    f"{a}.dot({b})",
                    f"np.matmul({a}, {b})",
                    f"np.linalg.inv({a})",
                    f"np.einsum('ij,jk->ik', {a}, {b})",
                    f"np.einsum('ij->ji', {a})",
                    f"np.inner({a}, {b})",
                    f"np.linalg.norm({a}, axis={k})",
                    f"np.dot({a}, {a}.T)",
                    f"{a}.T @ {a}",
                ]
            )
        if family == 4:  # manipulation
            size = v.size
            factors = [d for d in range(1, size + 1) if size % d == 0] if size else [1]
            f = r.choice(factors)
            return r.choice(
                [
                    f"{a}.reshape({f}, -1)",
                    f"{a}.reshape(-1)",
                    f"{a}.reshape(({f}, {size // f if f else 0}))",
                    f"np.reshape({a}, (-1, 1))",
                    f"{a}.T",
                    f"np.transpose({a})",
                    f"np.expand_dims({a}, {r.randrange(0, v.ndim + 1)})",
                    f"np.squeeze({a})",
                    f"{a}.ravel()",
                    f"{a}.flatten()",
                    f"np.concatenate([{a}, {b}], axis={k})",
                    f"np.stack([{a}, {a}])",
                    f"np.vstack([{a}, {b}])",
                    f"np.hstack([{a}, {b}])",
                    f"np.tile({a}, 2)",
                    f"np.repeat({a}, 2, axis={k})",
                    f"np.swapaxes({a}, 0, -1)",
                    f"np.broadcast_to({a}, (2,) + {a}.shape)",
                    f"{a}.reshape({a}.shape[0], -1)",
                    f"np.column_stack([{a}, {b}])",
                ]
            )
        if family == 5:  # indexing
            return r.choice(
                [
                    f"{a}[0]",
                    f"{a}[-1]",
                    f"{a}[1:3]",
                    f"{a}[::2]",
                    f"{a}[:, 0]",
                    f"{a}[None]",
                    f"{a}[..., 0]",
                    f"{a}[{a} > 0]",
                    f"{a}[[0, 1]]",
                    f"{a}[:, None]",
                    f"{a}[0, 1:]",
                    f"{a}[::-1, ...]",
                ]
            )
        return r.choice([f"{a}.astype(int)", f"np.copy({a})", f"{a}.copy()", f"np.asarray({a})", f"np.zeros({a}.shape)"])

    # -- statements --

    def try_add(self, plain: list[str], recorded: list[str]) -> bool:
        trial = dict(self.ns)
        try:
            with warnings.catch_warnings(), _importable(self.program.folder):
                warnings.simplefilter("ignore")
                with np.errstate(all="ignore"):
                    exec("\n".join(plain) + "\n", trial)
        except Exception:
            return False
        self.ns = trial
        self.program.lines.extend(plain)
        self.program.recorded.extend(recorded)
        return True

    def statement(self) -> None:
        r = self.rnd
        kind = r.randrange(10)
        name = self.new_name()
        if kind == 0:
            n = r.randint(1, 6)
            self.try_add([f"{name} = {n}"], [f"{name} = {n}"])
            return
        if kind == 1:
            a = self.pick_array(1)
            if a is not None:
                nd = self.ns[a].ndim
                names = [self.new_name() for _ in range(nd)]
                line = f"{', '.join(names)}{',' if nd == 1 else ''} = {a}.shape"
                self.try_add([line], [line])
            return
        if kind == 2:
            e1, e2 = self.expression(), self.expression()
            test = r.choices(["rng.random() > 0.5", "True", f"{self.size()} > 2"], weights=[1, 4, 4])[0]
            plain = [f"if {test}:", f"    {name} = {e1}", "else:", f"    {name} = {e2}"]
            recorded = [f"if {test}:", f"    {name} = _rec({name!r}, {e1})", "else:", f"    {name} = _rec({name!r}, {e2})"]
            self.try_add(plain, recorded)
            return
        if kind == 3:
            a = self.pick_array()
            if a is not None:
                op = r.choice(["* 2", "+ 1", "/ 2.0", "- 0.5"])
                plain = [f"{name} = {a}", "for _i in range(3):", f"    {name} = {name} {op}"]
                recorded = [f"{name} = _rec({name!r}, {a})", "for _i in range(3):", f"    {name} = _rec({name!r}, {name} {op})"]
                self.try_add(plain, recorded)
            return
        if kind == 4:
            e = self.expression()
            a = self.pick_array()
            if e is not None and a is not None:
                fn = f"f{self.counter}"
                plain = [f"def {fn}(x):", "    y = x * 2", "    return y.T", f"{name} = {fn}({a})"]
                recorded = [f"def {fn}(x):", "    y = _rec('y', x * 2)", "    return y.T", f"{name} = _rec({name!r}, {fn}({a}))"]
                self.try_add(plain, recorded)
            return
        if kind == 5:
            a = self.pick_array()
            if a is not None:
                plain = [f"{name} = {a}", f"{name} += 1"]
                recorded = [f"{name} = _rec({name!r}, {a})", f"{name} += 1; _rec({name!r}, {name})"]
                self.try_add(plain, recorded)
            return
        # Declared functions, classes and modules: about one statement in five.
        if kind in (6, 7) and r.random() < 0.4:
            self.declared_function(name)
            return
        if kind == 8 and r.random() < 0.3:
            self.class_statement(name)
            return
        if kind == 9 and r.random() < 0.3:
            self.module_statement(name)
            return
        if kind == 9 and r.random() < 0.4:
            self.library_function(name)
            return
        e = self.expression()
        if e is not None:
            self.try_add([f"{name} = {e}"], [f"{name} = _rec({name!r}, {e})"])

    # -- declared shapes, classes, modules --

    def _dims_for(self, arrays: list[str]) -> list[list[str]]:
        """Axis names for each array, shared where lengths are equal (as a docstring would write them)."""
        by_length: dict[int, str] = {}
        out = []
        for a in arrays:
            names = []
            for length in self.ns[a].shape:
                if self.rnd.random() < 0.5:
                    names.append(str(length))
                else:
                    names.append(by_length.setdefault(length, f"d{len(by_length)}"))
            out.append(names)
        return out

    def declared_function(self, name: str) -> None:
        r = self.rnd
        a, b = self.pick_array(1, 3), self.pick_array(1, 3)
        if a is None or b is None:
            return
        da, db = self._dims_for([a, b])
        fn = f"g{self.counter}"
        body = r.choice(["x.T", "x * 2", "x.sum(axis=0)", "x.reshape(-1)", "np.exp(x) + y.sum()", "x[..., :1]", "np.atleast_2d(y)"])
        style = r.randrange(3)

        def spell(dims: list[str]) -> str:
            return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"

        if style == 0:
            head = [f"def {fn}(x, y):", '    """Declared.', "", "    Parameters", "    ----------",
                    f"    x : ndarray of shape {spell(da)}", f"    y : array-like of shape {spell(db)}", '    """']
        elif style == 1:
            head = [f"def {fn}(x: \"Float[np.ndarray, '{' '.join(da)}']\", y: \"Float[np.ndarray, '{' '.join(db)}']\"):"]
        else:
            ints = ", ".join("int" for _ in da)
            head = [f"def {fn}(x: \"np.ndarray[tuple[{ints}], np.dtype[np.float64]]\", y):"]
        plain = head + [f"    z = {body}", "    return z"]
        recorded = head + [f"    z = _rec('z', {body})", "    return z"]
        # Called directly (a context with known arguments) or through a list (analyzed for no call).
        call = f"{fn}({a}, {b})" if r.random() < 0.7 else f"[{fn}][0]({a}, {b})"
        self.try_add(plain + [f"{name} = {call}"], recorded + [f"{name} = _rec({name!r}, {call})"])

    def library_function(self, name: str) -> None:
        """A function as libraries write them: parameters unpacked, converted, declared as numbers, helpers."""
        r = self.rnd
        a = self.pick_array(2, 2)
        if a is None:
            return
        fn, helper = f"l{self.counter}", f"_p{self.counter}"
        n, scale = r.randint(1, 5), r.choice(["0.5", "2.0"])
        body = r.sample(
            [
                ("z", "np.asarray(x)"),
                ("t", "np.asarray(x).sum()"),
                ("col", "x.reshape(-1, 1)"),
                ("grid", "np.reshape(x, (-1, 2, 1))" if self.ns[a].size % 2 == 0 else "x.reshape(1, -1)"),
                ("steps", "np.arange(n) * s"),
                ("eps", "np.finfo(float).eps"),
                ("m", "x.mean(axis=0)"),
                ("d", "x - x.mean(axis=0)"),
                ("h", f"{helper}(x)"),
                ("draw", "np.random.multinomial(1, [0.25] * 4)"),
                ("pick", "np.random.multinomial(1, [0.5, 0.5]).argmax()"),
            ],
            4,
        )
        head = [
            f"def {helper}(x):",
            "    doubled = x * 2",
            "    return doubled",
            f"def {fn}(x, n, s):",
            '    """Library style.',
            "",
            "    Parameters",
            "    ----------",
            "    n : int",
            "        A count.",
            "    s : float",
            "        A scale.",
            '    """',
            "    rows, cols = x.shape",
        ]
        recorded_head = [line.replace("    doubled = x * 2", "    doubled = _rec('doubled', x * 2)") for line in head]
        plain = head + [f"    {t} = {e}" for t, e in body] + [f"    return {body[0][0]}"]
        recorded = recorded_head + [f"    {t} = _rec({t!r}, {e})" for t, e in body] + [f"    return {body[0][0]}"]
        # Called directly (a context with known arguments) or through a list (analyzed for no call).
        call = f"{fn}({a}, {n}, {scale})" if r.random() < 0.7 else f"[{fn}][0]({a}, {n}, {scale})"
        self.try_add(plain + [f"{name} = {call}"], recorded + [f"{name} = _rec({name!r}, {call})"])

    def class_statement(self, name: str) -> None:
        a, b = self.pick_array(), self.pick_array()
        if a is None or b is None:
            return
        cls = f"C{self.counter}"
        k = self.rnd.randint(1, 4)
        lines = [
            f"class {cls}:",
            f"    width = {k}",
            "    def __init__(self, a):",
            "        self.a = a",
            "        self.n = 0",
            "    def load(self, b):",
            "        self.b = b * 2",
            "        self.n += 1",
            "    def get(self):",
            "        return self.b.T",
            "    @property",
            "    def double(self):",
            "        return self.a * 2",
            "    def counted(self):",
        ]
        obj, got, dbl, wide = (self.new_name() for _ in range(4))
        tail = [(obj, f"{cls}({a})"), (None, f"{obj}.load({b})"), (got, f"{obj}.get()"), (dbl, f"{obj}.double"),
                (wide, f"np.zeros(({cls}.width, 2))"), (name, f"{obj}.a")]
        # Sometimes `counted` is called where the engine cannot follow the call: it is then
        # analyzed for no call in particular, reading `self.n` that `load` changed.
        tail += [(None, f"[{obj}][0].counted()")] if self.rnd.random() < 0.2 else []
        plain = lines + ["        c = np.zeros((self.n, 2))", "        return c"]
        recorded = lines + ["        c = _rec('c', np.zeros((self.n, 2)))", "        return c"]
        plain += [f"{n} = {e}" if n else e for n, e in tail]
        recorded += [f"{n} = _rec({n!r}, {e})" if n else e for n, e in tail]
        self.try_add(plain, recorded)

    def module_statement(self, name: str) -> None:
        a = self.pick_array()
        if a is None:
            return
        if self.program.folder is None:
            self.program.folder = Path(tempfile.mkdtemp(prefix="shapelint_random_"))
        module = f"m{self.tag}_{self.counter}"
        helper = f"h{self.tag}_{self.counter}"
        k = self.rnd.randint(1, 4)
        (self.program.folder / f"{helper}.py").write_text(f"import numpy as np\ndef grow(x):\n    return np.stack([x] * {k})\n")
        source = (
            f"import numpy as np\nfrom {helper} import grow\nW = np.ones(({k}, 2))\n"
            "def f(x):\n    return grow(x).T\n"
            "class Box:\n    def __init__(self, x):\n        self.x = x[None]\n"
        )
        (self.program.folder / f"{module}.py").write_text(source)
        spelled = self.rnd.randrange(3)
        if spelled == 0:
            head, call, w, box = f"import {module}", f"{module}.f({a})", f"{module}.W", f"{module}.Box({a}).x"
        elif spelled == 1:
            head, call, w, box = f"from {module} import f, W, Box", f"f({a})", "W", f"Box({a}).x"
        else:
            head, call, w, box = f"from {module} import *", f"f({a})", "W", f"Box({a}).x"
        other, third = self.new_name(), self.new_name()
        plain = [head, f"{name} = {call}", f"{other} = {w}", f"{third} = {box}"]
        recorded = [head, f"{name} = _rec({name!r}, {call})", f"{other} = _rec({other!r}, {w})", f"{third} = _rec({third!r}, {box})"]
        if self.try_add(plain, recorded):
            self.program.modules[module] = source


def generate(rnd: random.Random, statements: int = 12) -> Program:
    gen = Generator(rnd)
    for _ in range(statements):
        gen.statement()
    return gen.program


def run_recorded(program: Program) -> dict[tuple[int, str], list[Any]]:
    """Execute the recording version: (row, name) -> every value bound there."""
    import inspect

    seen: dict[tuple[int, str], list[Any]] = {}

    def _rec(name: str, value: Any) -> Any:
        row = inspect.currentframe().f_back.f_lineno  # type: ignore[union-attr]
        seen.setdefault((row, name), []).append(value)
        return value

    ns: dict[str, Any] = {"_rec": _rec}
    with warnings.catch_warnings(), _importable(program.folder):
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            exec(compile(program.recording_source, "<program>", "exec"), ns)
    return seen


class _importable:
    """`folder` on `sys.path` while the program runs (its helper modules import from there)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def __enter__(self) -> None:
        if self.folder is not None:
            sys.path.insert(0, str(self.folder))

    def __exit__(self, *exc: Any) -> None:
        if self.folder is not None:
            sys.path.remove(str(self.folder))


def actual_shape(value: Any) -> tuple[int, ...] | None:
    if isinstance(value, (np.ndarray, np.generic)):
        return tuple(np.shape(value))
    return None


def compare(inferred: list[Any] | None, values: list[Any]) -> str:
    """'exact', 'unknown' (a less precise answer) or 'wrong' for one assignment."""
    shapes = {actual_shape(v) for v in values}
    if inferred is None:
        return "unknown"
    if None in shapes:
        return "wrong"
    verdict = "exact"
    for real in shapes:
        if len(real) != len(inferred):
            return "wrong"
        for axis, length in zip(inferred, real):
            if isinstance(axis, int) and axis != length:
                return "wrong"
            if not isinstance(axis, int):
                verdict = "unknown"
    return verdict if len(shapes) == 1 else ("unknown" if verdict == "exact" else verdict)
