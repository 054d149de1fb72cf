"""Differential check of `shapelint shapes` against real numpy on random programs.

Written from the documented `shapes` output and numpy's behaviour only (no look at
shapelint's code or tests). It

1. generates N random numpy programs (fixed seeds) of about 15 statements from
   a fixed API list: creation, arithmetic / comparison operators and common
   ufuncs, reductions (functions and methods, axis int / negative / tuple /
   None, keepdims), products, manipulation, indexing, int values that shapes
   depend on, if/else, for loops over range, small functions, and three import
   spellings (plus compositions of those expressions, `A[...] = v`, annotated
   assignments and calls of earlier functions with other arrays). Every
   candidate statement is executed with real numpy (the whole program so far,
   from a fresh namespace with `np.random.seed(0)`), and kept only if it runs,
   so each final program runs to the end. np.empty's garbage would make
   value-dependent statements (masks, index arrays, data-dependent `if`s,
   linalg.inv) differ between runs, so those use only names not derived from
   it, and a program that does not run the same way three more times is
   regenerated from another seed;
2. runs `python -m shapelint shapes --format json` on all of them (batched);
3. runs every program once more with a recorder call inserted (AST rewrite,
   same line numbers) after each assignment to a plain name, which records the
   real value's shape for every execution, and evaluates any symbolic axis
   shapelint gave (`"n"`) in the assignment's frame;
4. classifies each array-valued assignment (ndarray or numpy scalar in every
   execution): exact (shapelint's shape equals the real one in every
   execution), unknown (null, or some null / symbolic axis consistent with the
   real one) or WRONG (a known int length or rank that differs, or a symbolic
   axis whose value differs); a shape given for a non-array value (Python int,
   float, tuple, Generator...) is WRONG too.

    python benchmarks/independent_programs.py            # 300 programs
    python benchmarks/independent_programs.py -n 50 --seed0 1000

Programs are written to --out-dir (default /tmp/independent_programs), the
ones with a WRONG case are copied to --wrong-dir (default /tmp/wrong_programs).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import ctypes
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import warnings
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

MAX_SIZE = 2000  # no array in a program gets bigger than this
MAX_NDIM = 5
MAX_DIM = 50
MAX_INT = 12  # ints used as lengths

ARRAY_POOL = ["x", "y", "z", "A", "B", "C", "D", "W", "X", "Y", "Z", "M", "P", "Q", "U", "V",
              "a", "b", "c", "e", "g", "u", "v", "w", "out", "res", "acc", "tmp", "data",
              "feat", "mask", "idx", "rows", "cols", "hid", "logits", "probs", "grad", "img",
              "batch", "emb", "score", "xs", "ys", "h", "o", "q", "r2"]
SCALAR_POOL = ["s", "total", "mu", "sigma", "val", "best", "lo", "hi", "sc", "nrm", "loss",
               "avg", "peak", "cnt"]
INT_POOL = ["n", "m", "d", "k", "N", "K", "T", "L", "nr", "nc", "dim", "size_", "H", "F",
            "n_in", "n_out", "half", "reps"]
TUPLE_POOL = ["shape", "shp", "dims", "sz", "shape2"]
OTHER_POOL = ["info", "where_", "res_t", "pair", "obj"]
PARAM_POOL = ["arr", "mat", "vec", "p", "t_", "inp"]
FUNC_POOL = ["f", "g", "step", "transform", "normalize", "layer", "project", "center"]
LOOP_VARS = ["i", "j", "t", "it"]
FROM_CANDIDATES = ["zeros", "ones", "empty", "full", "zeros_like", "ones_like", "arange",
                   "linspace", "array", "asarray", "eye", "identity", "exp", "log", "tanh",
                   "sqrt", "maximum", "minimum", "power", "clip", "where", "dot", "matmul",
                   "outer", "inner", "einsum", "concatenate", "stack", "vstack", "hstack",
                   "column_stack", "tile", "repeat", "broadcast_to", "reshape", "transpose",
                   "swapaxes", "expand_dims", "squeeze", "ravel", "sum", "mean", "prod",
                   "std", "var", "argmax", "argmin", "newaxis", "linalg", "random"]


# --------------------------------------------------------------------------- execution

try:
    _LIBC = ctypes.CDLL(None)
except OSError:  # pragma: no cover
    _LIBC = None


@contextlib.contextmanager
def quiet():
    """No numpy warnings, and no output from C code (LAPACK prints `On entry to DLASCL...`
    for NaN input) on file descriptors 1 and 2."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            yield
    finally:
        if _LIBC is not None:
            _LIBC.fflush(None)
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _quiet_exec(code, ns):
    with quiet():
        exec(code, ns)


def _too_big(v) -> bool:
    return isinstance(v, np.ndarray) and (
        v.size > MAX_SIZE or v.ndim > MAX_NDIM or any(d > MAX_DIM for d in v.shape))


def run_source(src: str):
    """Execute src from scratch; the namespace, or None if it raises or grows too big."""
    try:
        code = compile(src, "<generated>", "exec")
    except SyntaxError:
        return None
    ns = {"__name__": "__generated__"}
    np.random.seed(0)
    try:
        _quiet_exec(code, ns)
    except Exception:
        return None
    for v in ns.values():
        if _too_big(v):
            return None
    return ns


def category(v) -> str:
    if isinstance(v, (np.ndarray, np.generic)):
        return "array"
    if isinstance(v, bool):
        return "other"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "scalar"
    if isinstance(v, tuple):
        return "tuple"
    return "other"


# --------------------------------------------------------------------------- program model

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
AUG_OPS = ("+=", "-=", "*=", "/=", "//=")


def propagate_taint(lines, tainted):
    """Names whose values may come from np.empty's garbage after `lines`.

    Shapes never depend on those values, but a value-dependent statement (a mask, an
    index array, a data-dependent `if`, linalg.inv) would differ from run to run, so
    the generator keeps such statements to clean names."""
    t = set(tainted)
    for _ in range(2):  # twice: loop bodies see the previous iteration
        for k, ln in enumerate(lines):
            if ln.text.startswith("def "):
                fname = ln.text[4:].split("(")[0]
                body = []
                for ln2 in lines[k + 1:]:
                    if not ln2.text.startswith("    "):
                        break
                    body.append(ln2.text)
                if set(IDENT.findall(" ".join(body))) & (t | {"empty", "empty_like"}):
                    t.add(fname)
                continue
            if not ln.targets:
                continue
            aug = any(op in ln.text for op in AUG_OPS)
            rhs = ln.text if aug else ln.text.partition("=")[2]
            bad = bool(set(IDENT.findall(rhs)) & (t | {"empty", "empty_like"}))
            for name in ln.targets:
                if bad:
                    t.add(name)
                elif not aug:
                    t.discard(name)
    return t

class Line:
    __slots__ = ("text", "kind", "ctx", "uses", "targets", "deps", "row")

    def __init__(self, text, kind=None, uses=(), targets=(), ctx="top"):
        self.text = text
        self.kind = kind
        self.uses = list(uses)
        self.targets = list(targets)
        self.ctx = ctx
        self.deps = []
        self.row = None

    def indented(self, ctx):
        ln = Line("    " + self.text, self.kind, self.uses, self.targets, ctx)
        return ln


class State:
    """What a statement may use: the values of the namespace at that point."""

    def __init__(self, ns, tainted=()):
        self.ns = ns
        self.tainted = set(tainted)
        self.arrays, self.ints, self.tuples, self.scalars = {}, {}, {}, {}
        self.rng = None
        for k, v in ns.items():
            if k.startswith("__"):
                continue
            if isinstance(v, np.ndarray):
                self.arrays[k] = v
            elif isinstance(v, bool):
                continue
            elif isinstance(v, int):
                if 0 <= v <= MAX_INT:
                    self.ints[k] = v
            elif isinstance(v, tuple):
                if 1 <= len(v) <= 4 and all(type(e) is int and 1 <= e <= MAX_INT for e in v):
                    self.tuples[k] = v
            elif isinstance(v, (float, np.generic)):
                self.scalars[k] = v
            elif isinstance(v, np.random.Generator):
                self.rng = k
        self.reusable = None  # names a statement may rebind (None: any of the right category)
        self.force_target = None
        self.p_reuse = 0.15
        self.fresh_only = False

    def clean(self, name):
        return name not in self.tainted


class Gen:
    def __init__(self, seed: int, n_statements: int = 15):
        self.seed = seed
        self.R = random.Random(seed)
        self.n_statements = n_statements
        self.lines: list[Line] = []
        self.defrow: dict[str, int] = {}
        self.used_names: set[str] = set()
        self.tainted: set[str] = set()
        self.name_cat: dict[str, str] = {}
        R = self.R
        mode = R.choices(["np", "numpy", "np+from", "numpy+from"], [5, 2, 3, 1])[0]
        self.mode = mode
        self.prefix = "np." if mode.startswith("np") and not mode.startswith("numpy") else "numpy."
        self.from_names: set[str] = set()
        self.add_header("import numpy as np" if self.prefix == "np." else "import numpy")
        if "from" in mode:
            names = R.sample(FROM_CANDIDATES, R.randint(4, 12))
            self.from_names = set(names)
            self.add_header("from numpy import " + ", ".join(names))
        self.used_names |= self.from_names | {"np", "numpy", "rng", "gen"} | set(LOOP_VARS) \
            | set(PARAM_POOL) | set(FUNC_POOL)
        self.ns = run_source(self.source())
        assert self.ns is not None

    # ---- helpers
    def add_header(self, text):
        ln = Line(text)
        ln.row = len(self.lines) + 1
        self.lines.append(ln)

    def source(self, extra=()):
        return "".join(ln.text + "\n" for ln in list(self.lines) + list(extra))

    def N(self, fn):
        top = fn.split(".")[0]
        if top in self.from_names and self.R.random() < 0.8:
            return fn
        return self.prefix + fn

    def fresh(self, cat):
        pool = {"array": ARRAY_POOL, "scalar": SCALAR_POOL, "int": INT_POOL,
                "tuple": TUPLE_POOL}.get(cat, OTHER_POOL)
        free = [n for n in pool if n not in self.used_names]
        if free:
            name = self.R.choice(free)
        else:
            i = 1
            while f"{pool[0]}{i}" in self.used_names:
                i += 1
            name = f"{pool[0]}{i}"
        self.used_names.add(name)
        self.name_cat[name] = cat
        return name

    def pick_target(self, S, cat):
        ft = S.force_target
        if ft is not None:
            fc = self.name_cat.get(ft)
            if (cat == "int" and fc == "int") or (cat in ("array", "scalar") and fc in ("array", "scalar")):
                return ft
        if not S.fresh_only and self.R.random() < S.p_reuse:
            # now and then rebind a name that held another kind of value (an int, a tuple)
            any_cat = self.R.random() < 0.08
            cands = [n for n, c in self.name_cat.items()
                     if (c == cat or any_cat and c in ("array", "scalar", "int", "tuple")) and n in S.ns
                     and (S.reusable is None or n in S.reusable)]
            if cands:
                t = self.R.choice(cands)
                self.name_cat[t] = cat
                return t
        return self.fresh(cat)

    def ev(self, S, text):
        try:
            with quiet():
                v = eval(text, S.ns)
        except Exception:
            return False, None
        if _too_big(v):
            return False, None
        return True, v

    def assign(self, S, expr, kind, uses=()):
        ok, v = self.ev(S, expr)
        if not ok:
            return None
        cat = category(v)
        if cat == "array" and isinstance(v, np.generic):
            cat = "scalar" if S.force_target is None else "array"
        if cat == "int" and not (0 <= v <= 10_000):
            return None
        t = self.pick_target(S, cat)
        if cat in ("array", "scalar") and self.R.random() < 0.03:
            return Line(f"{t}: {self.prefix}ndarray = {expr}", kind + " [annotated]", uses, [t])
        return Line(f"{t} = {expr}", kind, uses, [t])

    # ---- random pieces
    def arr(self, S, pred=None, allow0d=False):
        pref = getattr(S, "prefer", None)
        if pref is not None and pref in S.arrays and self.R.random() < 0.85:
            a = S.arrays[pref]
            if (allow0d or a.ndim >= 1) and (pred is None or pred(a)):
                return pref
        c = [n for n, a in S.arrays.items() if (allow0d or a.ndim >= 1) and (pred is None or pred(a))]
        return self.R.choice(c) if c else None

    def dim(self, S):
        R = self.R
        if R.random() < 0.5:
            pool = [v for v in S.ints.values() if 1 <= v <= 8]
            for a in S.arrays.values():
                pool += [d for d in a.shape if 1 <= d <= 8]
            if pool:
                return R.choice(pool)
        return R.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])

    def int_expr(self, S, d, p_var=0.5):
        """Text evaluating to the int d, often through a variable (uses, text)."""
        R = self.R
        if R.random() < p_var:
            c = []
            for name, v in S.ints.items():
                if v == d:
                    c += [(name, [])] * 3
                if v + 1 == d:
                    c.append((f"{name} + 1", []))
                if v - 1 == d:
                    c.append((f"{name} - 1", []))
                if 2 * v == d:
                    c.append((f"2 * {name}", []))
                if v // 2 == d and v > 1:
                    c.append((f"{name} // 2", []))
            for name, v in S.scalars.items():
                if isinstance(v, np.integer) and v == d and S.clean(name):
                    c.append((name, []))
            for name, a in S.arrays.items():
                for ax, L in enumerate(a.shape):
                    if L == d:
                        c.append((f"{name}.shape[{ax}]", [name]))
                        c.append((f"{name}.shape[{ax - a.ndim}]", [name]))
                if a.ndim and len(a) == d:
                    c.append((f"len({name})", [name]))
                if a.ndim == d:
                    c.append((f"{name}.ndim", [name]))
                if a.size == d:
                    c.append((f"{name}.size", [name]))
            if c:
                t, u = R.choice(c)
                return t, u
        return str(d), []

    def shape_expr(self, S, rank=None, allow_int=True):
        """(text, uses, form) of a shape argument."""
        R = self.R
        r = R.random()
        if r < 0.08 and S.tuples:
            return R.choice(list(S.tuples)), [], "shapevar"
        if r < 0.16 and S.arrays:
            a = self.arr(S, lambda a: a.size <= 200, allow0d=True)
            if a:
                return f"{a}.shape", [a], "attr"
        if r < 0.22:
            a = self.arr(S, lambda a: a.ndim >= 1)
            if a:
                d, u = self.int_expr(S, self.dim(S))
                if R.random() < 0.5:
                    return f"({a}.shape[0], {d})", [a] + u, "attr_mix"
                return f"({d}, {a}.shape[-1])", [a] + u, "attr_mix"
        if rank is None:
            rank = R.choices([0, 1, 2, 3, 4], [1, 5, 7, 4, 1])[0]
        parts, uses = [], []
        for _ in range(rank):
            t, u = self.int_expr(S, self.dim(S))
            parts.append(t)
            uses += u
        if rank == 1 and allow_int and R.random() < 0.5:
            return parts[0], uses, "int"
        if rank >= 1 and R.random() < 0.15:
            return "[" + ", ".join(parts) + "]", uses, "list"
        if rank == 1:
            return f"({parts[0]},)", uses, "tuple"
        return "(" + ", ".join(parts) + ")", uses, "tuple"

    def literal(self, shape, elt):
        R = self.R
        if not shape:
            if elt == "int":
                return str(R.randint(-3, 9))
            if elt == "bool":
                return R.choice(["True", "False"])
            return R.choice(["0.5", "1.0", "-2.5", "3.0", "0.25", "2", "1e-3"])
        return "[" + ", ".join(self.literal(shape[1:], elt) for _ in range(shape[0])) + "]"

    def scalar_text(self, S):
        R = self.R
        opts = [R.choice(["2", "3", "0.5", "1.0", "2.0", "-1", "10", "1e-8"])]
        if S.ints:
            opts.append(R.choice(list(S.ints)))
        if S.scalars:
            opts.append(R.choice(list(S.scalars)))
        return R.choice(opts)

    # ---- creation
    def c_fill(self, S):
        R = self.R
        fn = R.choice(["zeros", "ones", "empty"])
        sh, uses, form = self.shape_expr(S)
        args = f"shape={sh}" if R.random() < 0.1 else sh
        if R.random() < 0.25:
            args += ", dtype=" + R.choice(["int", "float", "bool", self.N("float32"), "'int64'"])
        return self.assign(S, f"{self.N(fn)}({args})", f"create:{fn}({form})", uses)

    def c_full(self, S):
        R = self.R
        sh, uses, form = self.shape_expr(S)
        fill = R.choice(["0", "1.5", "-1", "7", "True", "2.0"])
        if R.random() < 0.1:
            a = self.arr(S, lambda a: a.ndim == 1)
            if a:
                fill, uses = a, uses + [a]
                form += ",arrayfill"
        if R.random() < 0.3:
            return self.assign(S, f"{self.N('full')}({sh}, fill_value={fill})", f"create:full({form})", uses)
        return self.assign(S, f"{self.N('full')}({sh}, {fill})", f"create:full({form})", uses)

    def c_like(self, S):
        R = self.R
        fn = R.choice(["zeros_like", "ones_like", "empty_like", "full_like"])
        names = list(S.arrays) + (list(S.scalars) if R.random() < 0.1 else [])
        if not names:
            return None
        a = R.choice(names)
        args = a + (", 3" if fn == "full_like" else "")
        form = "plain"
        if R.random() < 0.2:
            args += ", dtype=" + R.choice(["int", "float", "bool"])
            form = "dtype"
        uses = [a]
        if R.random() < 0.1:
            sh, u, _ = self.shape_expr(S)
            args += f", shape={sh}"
            uses += u
            form = "shape="
        return self.assign(S, f"{self.N(fn)}({args})", f"create:{fn}({form})", uses)

    def c_eye(self, S):
        R = self.R
        n, u = self.int_expr(S, self.dim(S))
        m, u2 = self.int_expr(S, self.dim(S))
        forms = [(f"{self.N('eye')}({n})", "eye(N)"), (f"{self.N('eye')}({n}, {m})", "eye(N,M)"),
                 (f"{self.N('eye')}({n}, k=1)", "eye(N,k)"),
                 (f"{self.N('eye')}({n}, {m}, k=-1)", "eye(N,M,k)"),
                 (f"{self.N('eye')}({n}, dtype=int)", "eye(N,dtype)"),
                 (f"{self.N('identity')}({n})", "identity(N)")]
        t, k = R.choice(forms)
        return self.assign(S, t, "create:" + k, u + u2)

    def c_arange(self, S):
        R = self.R
        d = self.dim(S)
        stop, u = self.int_expr(S, d)
        a = self.N("arange")
        forms = [(f"{a}({stop})", "arange(stop)"),
                 (f"{a}({R.randint(0, 3)}, {stop})", "arange(start,stop)"),
                 (f"{a}({R.randint(0, 2)}, {R.randint(3, 12)}, {R.randint(1, 4)})", "arange(start,stop,step)"),
                 (f"{a}({R.randint(5, 12)}, {R.randint(-2, 3)}, -{R.randint(1, 3)})", "arange(neg step)"),
                 (f"{a}(0, 1, {R.choice(['0.1', '0.25', '0.3'])})", "arange(float step)"),
                 (f"{a}({R.choice(['0.5', '1.5'])}, {R.randint(2, 6)})", "arange(float start)"),
                 (f"{a}({stop}, dtype=float)", "arange(stop,dtype)")]
        t, k = R.choice(forms)
        return self.assign(S, t, "create:" + k, u)

    def c_linspace(self, S):
        R = self.R
        n, u = self.int_expr(S, self.dim(S) + R.choice([0, 1, 2]))
        ls = self.N("linspace")
        forms = [(f"{ls}(0, 1)", "linspace(default num)"), (f"{ls}(-1, 1, {n})", "linspace(num)"),
                 (f"{ls}(0, 2, num={n})", "linspace(num=)"),
                 (f"{ls}(0, 1, {n}, endpoint=False)", "linspace(endpoint=False)")]
        if R.random() < 0.15:
            t1, t2 = self.fresh("array"), self.fresh("scalar")
            return Line(f"{t1}, {t2} = {ls}(0, 1, {n}, retstep=True)", "create:linspace(retstep)", u,
                        [t1, t2])
        t, k = R.choice(forms)
        return self.assign(S, t, "create:" + k, u)

    def c_literal(self, S):
        R = self.R
        rank = R.choices([0, 1, 2, 3], [1, 5, 5, 2])[0]
        shape = [R.randint(1, 4) for _ in range(rank)]
        elt = R.choice(["int", "float", "float", "bool"])
        lit = self.literal(shape, elt)
        if rank == 1 and R.random() < 0.05:
            lit = "[]"
        fn = R.choice(["array", "array", "asarray"])
        extra = ", dtype=float" if R.random() < 0.15 else ""
        return self.assign(S, f"{self.N(fn)}({lit}{extra})", f"create:{fn}(literal rank{rank})")

    def c_random(self, S):
        R = self.R
        fn = R.choice(["rand", "randn", "random", "normal", "uniform", "randint", "choice"])
        f = self.N("random." + fn)
        sh, uses, form = self.shape_expr(S)
        if fn in ("rand", "randn"):
            rank = R.choices([0, 1, 2, 3], [1, 4, 5, 2])[0]
            parts = []
            for _ in range(rank):
                t, u = self.int_expr(S, self.dim(S))
                parts.append(t)
                uses = uses + u
            return self.assign(S, f"{f}({', '.join(parts)})", f"random:{fn}({rank} args)", uses)
        if fn == "random":
            t, k = R.choice([(f"{f}({sh})", f"random({form})"), (f"{f}(size={sh})", f"random(size={form})"),
                             (f"{f}()", "random()")])
        elif fn == "normal":
            a = self.arr(S)
            t, k = R.choice([(f"{f}(0, 1, {sh})", f"normal(loc,scale,{form})"),
                             (f"{f}(size={sh})", f"normal(size={form})"),
                             (f"{f}(loc=0.0, scale=2.0, size={sh})", f"normal(kw size={form})"),
                             (f"{f}()", "normal()")]
                            + ([(f"{f}({a}, 1.0)", "normal(array loc)")] if a else []))
            if a and "array loc" in k:
                uses = [a]
        elif fn == "uniform":
            t, k = R.choice([(f"{f}(0, 1, {sh})", f"uniform(lo,hi,{form})"),
                             (f"{f}(size={sh})", f"uniform(size={form})"),
                             (f"{f}(low=-1, high=1, size={sh})", f"uniform(kw size={form})"),
                             (f"{f}(-1, 1)", "uniform(no size)")])
        elif fn == "randint":
            t, k = R.choice([(f"{f}(0, 10, size={sh})", f"randint(lo,hi,size={form})"),
                             (f"{f}(5, size={sh})", f"randint(hi,size={form})"),
                             (f"{f}(0, 10, {sh})", f"randint(lo,hi,{form})"),
                             (f"{f}(0, 10)", "randint(no size)")])
        else:
            v = self.arr(S, lambda a: a.ndim == 1 and a.size > 0)
            n = R.randint(2, 8)
            opts = [(f"{f}({n}, size={sh})", f"choice(int,size={form})"),
                    (f"{f}({n}, {sh})", f"choice(int,{form})"),
                    (f"{f}({n})", "choice(int no size)"),
                    (f"{f}({n}, {R.randint(1, n)}, replace=False)", "choice(replace=False)")]
            if v:
                opts += [(f"{f}({v}, size={sh})", f"choice(array,size={form})"), (f"{f}({v})", "choice(array no size)")]
            t, k = R.choice(opts)
            if v and v in t:
                uses = uses + [v]
        return self.assign(S, t, "random:" + k, uses)

    def c_rng(self, S):
        R = self.R
        if S.rng is None:
            if R.random() < 0.5 or S.fresh_only:
                sh, uses, form = self.shape_expr(S)
                return self.assign(S, f"{self.N('random.default_rng')}({R.randint(0, 9)}).normal(size={sh})",
                                   f"rng:inline default_rng().normal(size={form})", uses)
            name = "rng" if "rng" not in S.ns else "gen"
            self.name_cat[name] = "other"
            return Line(f"{name} = {self.N('random.default_rng')}(0)", "rng:default_rng", [], [name])
        g = S.rng
        sh, uses, form = self.shape_expr(S)
        n = R.randint(2, 8)
        a = self.arr(S, lambda a: a.ndim >= 1 and a.shape[0] > 0)
        opts = [(f"{g}.random({sh})", f"random({form})"), (f"{g}.random(size={sh})", f"random(size={form})"),
                (f"{g}.random()", "random()"),
                (f"{g}.normal(0, 1, {sh})", f"normal(loc,scale,{form})"),
                (f"{g}.normal(size={sh})", f"normal(size={form})"), (f"{g}.normal()", "normal()"),
                (f"{g}.standard_normal({sh})", f"standard_normal({form})"),
                (f"{g}.standard_normal(size={sh})", f"standard_normal(size={form})"),
                (f"{g}.integers(0, 10, size={sh})", f"integers(lo,hi,size={form})"),
                (f"{g}.integers({n}, size={sh})", f"integers(hi,size={form})"),
                (f"{g}.integers(0, 10, {sh})", f"integers(lo,hi,{form})"),
                (f"{g}.integers({n})", "integers(no size)"),
                (f"{g}.uniform(0, 1, {sh})", f"uniform(lo,hi,{form})"),
                (f"{g}.uniform(size={sh})", f"uniform(size={form})"),
                (f"{g}.choice({n}, size={sh})", f"choice(int,size={form})")]
        if a:
            opts += [(f"{g}.choice({a}, size={R.randint(1, 4)})", "choice(array,size=int)"),
                     (f"{g}.choice({a}, {R.randint(1, 3)}, axis={R.randint(0, S.arrays[a].ndim - 1)})",
                      "choice(array,axis)")]
        t, k = R.choice(opts)
        if a and f"({a}," in t:
            uses = [a]
        return self.assign(S, t, "rng:" + k, uses + [g])

    # ---- ints
    def c_int(self, S):
        R = self.R
        kind = R.choice(["lit", "lit", "tuple", "unpack", "arith", "attr", "attr", "aug", "shapeattr",
                         "tupleunpack"])
        if kind == "lit":
            t = self.pick_target(S, "int")
            return Line(f"{t} = {R.randint(1, 6)}", "int:literal", [], [t])
        if kind == "tuple":
            dims = [self.dim(S) for _ in range(R.randint(1, 3))]
            txt = "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"
            t = self.pick_target(S, "tuple")
            return Line(f"{t} = {txt}", "int:shape tuple literal", [], [t])
        if kind == "unpack":
            a = self.arr(S, lambda a: 2 <= a.ndim <= 3 and max(a.shape) <= MAX_INT)
            if not a:
                return None
            ts = [self.fresh("int") for _ in range(S.arrays[a].ndim)]
            return Line(f"{', '.join(ts)} = {a}.shape", "int:unpack shape", [a], ts)
        if kind == "tupleunpack":
            tt = [n for n, v in S.tuples.items() if len(v) == 2]
            if not tt:
                return None
            tn = R.choice(tt)
            ts = [self.fresh("int") for _ in range(2)]
            return Line(f"{ts[0]}, {ts[1]} = {tn}", "int:unpack tuple", [], ts)
        if kind == "arith":
            if not S.ints:
                return None
            v = R.choice(list(S.ints))
            w = R.choice(list(S.ints))
            t = R.choice([f"2 * {v}", f"{v} + 1", f"{v} - 1", f"{v} // 2", f"{v} * {w}", f"{v} + {w}",
                          f"3 * {v} // 2"])
            ok, val = self.ev(S, t)
            if not ok or not (0 <= val <= MAX_INT):
                return None
            tg = self.pick_target(S, "int")
            return Line(f"{tg} = {t}", "int:arith", [], [tg])
        if kind == "aug":
            c = [n for n, v in S.ints.items() if v <= 10 and self.name_cat.get(n) == "int"
                 and (S.reusable is None or n in S.reusable)]
            if not c:
                return None
            n = R.choice(c)
            return Line(f"{n} {R.choice(['+=', '-=', '*=', '//='])} {R.choice([1, 2])}", "int:augassign", [], [n])
        if kind == "shapeattr":
            a = self.arr(S, allow0d=True)
            if not a:
                return None
            t = self.pick_target(S, "tuple")
            return Line(f"{t} = {a}.shape", "int:tuple = A.shape", [a], [t])
        a = self.arr(S)
        if not a:
            return None
        nd = S.arrays[a].ndim
        ax = R.randrange(nd)
        e, k = R.choice([(f"{a}.shape[{ax}]", "A.shape[i]"), (f"{a}.shape[{ax - nd}]", "A.shape[-i]"),
                         (f"{a}.ndim", "A.ndim"), (f"{a}.size", "A.size"), (f"len({a})", "len(A)")])
        tg = self.pick_target(S, "int")
        return Line(f"{tg} = {e}", "int:" + k, [a], [tg])

    # ---- elementwise
    def partner(self, S, a, p_scalar=0.3):
        """(text, uses, kind) of an operand that broadcasts with array a."""
        R = self.R
        if R.random() < p_scalar:
            return self.scalar_text(S), [], "scalar"
        sa = S.arrays[a].shape
        c = []
        for n, b in S.arrays.items():
            try:
                np.broadcast_shapes(sa, b.shape)
            except ValueError:
                continue
            c.append(n)
        if not c:
            return self.scalar_text(S), [], "scalar"
        diff = [n for n in c if S.arrays[n].shape != sa]
        n = R.choice(diff) if diff and R.random() < 0.5 else R.choice(c)
        return n, [n], "array"

    def c_binop(self, S):
        R = self.R
        a = self.arr(S, allow0d=True)
        if not a:
            return None
        fam = R.choices(["arith", "compare", "bitwise", "unary", "chain"], [6, 3, 1, 1.5, 1.5])[0]
        if fam == "unary":
            op = R.choice(["-", "+", "~", "abs"])
            t = f"abs({a})" if op == "abs" else f"{op}{a}"
            return self.assign(S, t, f"elementwise:unary {op}", [a])
        b, ub, bk = self.partner(S, a)
        if fam == "arith":
            op = R.choice(["+", "-", "*", "/", "//", "%", "**"])
            if op == "**" and bk == "scalar":
                b = R.choice(["2", "0.5", "3"])
            if op == "**" and not (S.clean(a) and S.clean(b)):
                return None  # int ** negative int raises: np.empty's garbage would decide
            kind = "elementwise"
        elif fam == "compare":
            op = R.choice(["<", "<=", ">", ">=", "==", "!="])
            kind = "compare"
        elif fam == "bitwise":
            op = R.choice(["&", "|", "^"])
            kind = "elementwise"
            if bk == "scalar":
                b = R.choice(["True", "1"])
        else:
            op1, op2 = R.choice(["+", "-", "*"]), R.choice(["+", "-", "*", "/"])
            c, uc, ck = self.partner(S, a, 0.5)
            t = f"{a} {op1} {b} {op2} {c}" if R.random() < 0.5 else f"({a} {op1} {b}) {op2} {c}"
            return self.assign(S, t, f"elementwise:chain arr,{bk},{ck}", [a] + ub + uc)
        if R.random() < 0.3:
            t, k = f"{b} {op} {a}", f"{bk}{op}arr"
        else:
            t, k = f"{a} {op} {b}", f"arr{op}{bk}"
        if S.arrays[a].ndim == 0:
            k += "(0-d)"
        return self.assign(S, t, f"{kind}:{k}", [a] + ub)

    def c_ufunc(self, S):
        R = self.R
        a = self.arr(S, allow0d=True)
        if not a:
            return None
        fn = R.choice(["exp", "log", "tanh", "sqrt", "abs", "maximum", "minimum", "power", "clip",
                       "clip_method", "where", "where", "where1"])
        if fn in ("exp", "log", "tanh", "sqrt", "abs"):
            arg, k = a, "plain"
            if R.random() < 0.2:
                b, ub, bk = self.partner(S, a)
                arg, k = f"{a} * {b}", f"expr({bk})"
                return self.assign(S, f"{self.N(fn)}({arg})", f"ufunc:{fn}({k})", [a] + ub)
            return self.assign(S, f"{self.N(fn)}({arg})", f"ufunc:{fn}", [a])
        if fn in ("maximum", "minimum", "power"):
            b, ub, bk = self.partner(S, a, 0.4)
            if fn == "power" and bk == "scalar":
                b = R.choice(["2", "0.5", "3"])
            if fn == "power" and not (S.clean(a) and S.clean(b)):
                return None
            t = f"{self.N(fn)}({a}, {b})" if R.random() < 0.7 else f"{self.N(fn)}({b}, {a})"
            return self.assign(S, t, f"ufunc:{fn}(arr,{bk})", [a] + ub)
        if fn == "clip":
            b, ub, bk = self.partner(S, a, 0.6)
            lo = R.choice(["0", "-1", "None", b])
            return self.assign(S, f"{self.N('clip')}({a}, {lo}, {R.choice(['1', '2.5'])})",
                               f"ufunc:clip(lo={'arr' if lo == b and bk == 'array' else 'scalar'})",
                               [a] + (ub if lo == b else []))
        if fn == "clip_method":
            return self.assign(S, f"{a}.clip({R.choice(['0', '-1'])}, {R.choice(['1', '3'])})",
                               "ufunc:A.clip", [a])
        # where
        bools = [n for n, v in S.arrays.items() if v.dtype == bool and S.clean(n)]
        if bools and R.random() < 0.4:
            cond, ucond = R.choice(bools), None
            ucond = [cond]
        else:
            c2, uc2, _ = self.partner(S, a, 0.0)
            cond, ucond = f"{c2} > {R.choice(['0', '0.5'])}", uc2
        if fn == "where1":
            if any(not S.clean(u) for u in ucond):
                return None
            return self.assign(S, f"{self.N('where')}({cond})", "ufunc:where(cond) -> tuple", ucond)
        # pick values broadcasting with the cond
        b, ub, bk = self.partner(S, a, 0.3)
        c, uc, ck = self.partner(S, a, 0.5)
        t = f"{self.N('where')}({cond}, {b}, {c})"
        return self.assign(S, t, f"ufunc:where(cond,{bk},{ck})", ucond + ub + uc)

    # ---- reductions
    def c_reduce(self, S):
        R = self.R
        fn = R.choice(["sum", "mean", "max", "min", "argmax", "argmin", "std", "var", "prod", "any",
                       "all", "norm", "sum", "mean"])
        a = self.arr(S, allow0d=R.random() < 0.1)
        if not a:
            return None
        arr = S.arrays[a]
        nd = arr.ndim
        uses = [a]
        subject = a
        if R.random() < 0.15:
            b, ub, bk = self.partner(S, a, 0.3)
            subject = f"({a} - {b})" if R.random() < 0.5 else f"({a} * {b})"
            uses += ub
        ax_form = R.choices(["none", "None", "int", "neg", "tuple", "pos"], [3, 1, 4, 2, 2, 2])[0]
        if nd == 0 and ax_form not in ("none", "None"):
            ax_form = "none"
        if ax_form == "tuple" and nd < 1:
            ax_form = "int"
        axis_kw, axis_pos = "", ""
        if ax_form == "None":
            axis_kw = "axis=None"
        elif ax_form == "int":
            axis_kw = f"axis={R.randrange(nd)}"
        elif ax_form == "neg":
            axis_kw = f"axis={-R.randint(1, nd)}"
        elif ax_form == "pos":
            axis_pos = str(R.choice([R.randrange(nd), -R.randint(1, nd)]))
        elif ax_form == "tuple":
            k = R.randint(1, nd) if R.random() < 0.3 else R.randint(min(2, nd), nd)
            axes = sorted(R.sample(range(nd), k))
            axes = [x - nd if R.random() < 0.3 else x for x in axes]
            axis_kw = "axis=(" + ", ".join(map(str, axes)) + ("," if len(axes) == 1 else "") + ")"
        kd = ""
        r = R.random()
        if r < 0.35:
            kd = "keepdims=True"
        elif r < 0.45:
            kd = "keepdims=False"
        extra = ""
        if fn in ("std", "var") and R.random() < 0.2:
            extra = "ddof=1"
        if fn == "norm":
            style = "func"
            if ax_form == "pos":
                axis_kw, axis_pos = f"axis={axis_pos}", ""
            if ax_form == "tuple" and nd >= 2:
                ax2 = R.sample(range(nd), 2)
                axis_kw = f"axis=({ax2[0]}, {ax2[1]})"
            if R.random() < 0.2:
                extra = "ord=" + R.choice(["1", "2", "None", "'fro'", "np.inf" if self.prefix == "np." else "numpy.inf"])
        else:
            style = R.choice(["func", "method"])
        args = [x for x in (axis_pos, axis_kw, kd, extra) if x]
        if style == "func":
            name = self.N("linalg.norm") if fn == "norm" else self.N(fn)
            t = f"{name}({', '.join([subject] + args)})"
        else:
            t = f"{subject}.{fn}({', '.join(args)})"
        k = f"reduce:{fn} {style} axis={ax_form}" + (" keepdims" if kd == "keepdims=True" else "")
        if subject != a:
            k += " (of expr)"
        return self.assign(S, t, k, uses)

    # ---- products
    def operand_views(self, S):
        v = []
        for n, a in S.arrays.items():
            if a.ndim >= 1 and a.dtype != bool:
                v.append((n, [n]))
                if a.ndim >= 2 or self.R.random() < 0.1:
                    v.append((f"{n}.T", [n]))
        return v

    def c_product(self, S):
        R = self.R
        op = R.choices(["dot", "@", "matmul", "outer", "inner", ".dot", "inv", "solve", "einsum"],
                       [3, 4, 1.5, 1.5, 1, 1.5, 1, 1, 3])[0]
        if op == "einsum":
            return self.c_einsum(S)
        views = self.operand_views(S)
        if op in ("inv", "solve"):
            views = [(n, u) for n, u in views if S.clean(u[0])]
        if not views:
            return None
        if op == "inv":
            c = [(n, u) for n, u in views if S.ns.get(u[0]) is not None and
                 (lambda a: a.ndim >= 2 and a.shape[-1] == a.shape[-2] and a.shape[-1] > 0)(S.arrays[u[0]])]
            if not c:
                return None
            n, u = R.choice(c)
            return self.assign(S, f"{self.N('linalg.inv')}({n})", "product:linalg.inv", u)
        pairs = []
        for _ in range(60):
            (x, ux), (y, uy) = R.choice(views), R.choice(views)
            if op == "dot":
                t = f"{self.N('dot')}({x}, {y})"
            elif op == "@":
                t = f"{x} @ {y}"
            elif op == "matmul":
                t = f"{self.N('matmul')}({x}, {y})"
            elif op == "outer":
                t = f"{self.N('outer')}({x}, {y})"
            elif op == "inner":
                t = f"{self.N('inner')}({x}, {y})"
            elif op == ".dot":
                t = f"{x}.dot({y})" if not x.endswith(".T") else f"({x}).dot({y})"
            else:
                t = f"{self.N('linalg.solve')}({x}, {y})"
            ok, v = self.ev(S, t)
            if ok:
                pairs.append((t, ux + uy, x, y))
        if not pairs:
            return None
        t, uses, x, y = R.choice(pairs)
        ranks = f"{S.arrays[uses[0]].ndim}d,{S.arrays[uses[-1]].ndim}d"
        tr = " .T" if ".T" in t else ""
        return self.assign(S, t, f"product:{op} {ranks}{tr}", uses)

    def c_einsum(self, S):
        R = self.R
        k = R.choice([1, 1, 2, 2, 2, 3])
        cands = [n for n, a in S.arrays.items() if 1 <= a.ndim <= 3 and a.dtype != bool]
        if not cands:
            return None
        ops = [R.choice(cands) for _ in range(k)]
        letters = iter("ijklmnopqrsuvw")
        by_size: dict[int, list[str]] = defaultdict(list)
        subs = []
        for n in ops:
            s = ""
            for L in S.arrays[n].shape:
                reuse = [c for c in by_size[L] if c not in s or R.random() < 0.1]
                if reuse and R.random() < 0.6:
                    c = R.choice(reuse)
                else:
                    c = next(letters)
                    by_size[L].append(c)
                s += c
            subs.append(s)
        allc = sorted(set("".join(subs)))
        if R.random() < 0.25:
            spec = ",".join(subs)
            mode = "implicit"
        else:
            outl = R.sample(allc, R.randint(0, len(allc)))
            spec = ",".join(subs) + "->" + "".join(outl)
            mode = "explicit"
        if R.random() < 0.15:
            a = R.choice(cands)
            spec, mode = R.choice([("...i->...", "ellipsis sum"), ("i...->...i", "ellipsis move"),
                                   ("...ij->...ji", "ellipsis swap"), ("ii->i", "diagonal"), ("ii", "trace"),
                                   ("ij...->i...", "ellipsis tail"), ("...", "ellipsis id")])
            ops = [a]
        t = f"{self.N('einsum')}('{spec}', {', '.join(ops)})"
        return self.assign(S, t, f"product:einsum {len(ops)} ops {mode}", ops)

    # ---- manipulation
    def factor(self, size, rank):
        R = self.R
        dims, rem = [], size
        for _ in range(rank - 1):
            divs = [d for d in range(1, rem + 1) if rem % d == 0]
            d = R.choice(divs)
            dims.append(d)
            rem //= d
        dims.append(rem)
        R.shuffle(dims)
        return dims

    def c_manip(self, S):
        R = self.R
        fn = R.choices(["reshape", "T", "transpose", "swapaxes", "expand_dims", "squeeze", "ravel",
                        "concatenate", "stack", "vstack", "hstack", "column_stack", "tile", "repeat",
                        "broadcast_to"], [5, 2, 2, 1, 1.5, 1.5, 1.5, 2, 1.5, 1, 1, 1, 1, 1.5, 1])[0]
        a = self.arr(S, allow0d=fn in ("reshape", "expand_dims", "ravel", "tile", "broadcast_to")
                     or R.random() < 0.08)
        if not a:
            return None
        A = S.arrays[a]
        nd = A.ndim
        if fn == "reshape":
            if A.size == 0:
                return None
            rank = R.choice([1, 2, 2, 3, 3, 4])
            dims = self.factor(A.size, rank)
            parts, uses = [], [a]
            for d in dims:
                t, u = self.int_expr(S, d, 0.4)
                parts.append(t)
                uses += u
            form = "dims"
            if R.random() < 0.45:
                parts[R.randrange(rank)] = "-1"
                form = "-1"
            special = R.random()
            if special < 0.1:
                parts, form = ["-1"], "-1 only"
            elif special < 0.15:
                parts, form = ["-1", "1"], "(-1, 1)"
            elif special < 0.2:
                parts, form = ["1", "-1"], "(1, -1)"
            elif special < 0.25 and nd >= 1:
                parts, form = [f"{a}.shape[0]", "-1"], "(A.shape[0], -1)"
            elif special < 0.3:
                same = [n for n, v in S.tuples.items() if int(np.prod(v)) == A.size]
                same += [f"{n}.shape" for n, v in S.arrays.items() if v.size == A.size and n != a]
                if same:
                    sh = R.choice(same)
                    return self.assign(S, f"{a}.reshape({sh})", "manip:reshape(shape var)", uses)
            style = R.choice(["varargs", "tuple", "func"])
            if style == "varargs":
                t = f"{a}.reshape({', '.join(parts)})"
            elif style == "tuple":
                t = f"{a}.reshape(({', '.join(parts)}{',' if len(parts) == 1 else ''}))"
            else:
                t = f"{self.N('reshape')}({a}, ({', '.join(parts)}{',' if len(parts) == 1 else ''}))"
            return self.assign(S, t, f"manip:reshape {style} {form}", uses)
        if fn == "T":
            return self.assign(S, f"{a}.T", f"manip:.T {nd}d", [a])
        if fn == "transpose":
            perm = list(range(nd))
            R.shuffle(perm)
            perm = [p - nd if R.random() < 0.2 else p for p in perm]
            ps = ", ".join(map(str, perm))
            t, k = R.choice([(f"{a}.transpose()", "A.transpose()"), (f"{self.N('transpose')}({a})", "np.transpose(A)"),
                             (f"{a}.transpose({ps})", "A.transpose(*axes)"),
                             (f"{a}.transpose(({ps}{',' if nd == 1 else ''}))", "A.transpose(axes)"),
                             (f"{self.N('transpose')}({a}, ({ps}{',' if nd == 1 else ''}))", "np.transpose(A,axes)"),
                             (f"{self.N('transpose')}({a}, axes=[{ps}])", "np.transpose(A,axes=list)")])
            return self.assign(S, t, f"manip:{k} {nd}d", [a])
        if nd == 0 and fn in ("swapaxes", "repeat", "transpose"):
            return None
        if fn == "swapaxes":
            i, j = R.randrange(-nd, nd), R.randrange(-nd, nd)
            t = R.choice([f"{self.N('swapaxes')}({a}, {i}, {j})", f"{a}.swapaxes({i}, {j})"])
            return self.assign(S, t, "manip:swapaxes", [a])
        if fn == "expand_dims":
            if R.random() < 0.2:
                i, j = R.sample(range(-(nd + 2), nd + 2), 2)
                ax, k = f"({i}, {j})", "tuple"
            else:
                i = R.randrange(-(nd + 1), nd + 1)
                ax, k = str(i), "neg" if i < 0 else "int"
            t = f"{self.N('expand_dims')}({a}, {ax})" if R.random() < 0.6 else f"{self.N('expand_dims')}({a}, axis={ax})"
            return self.assign(S, t, f"manip:expand_dims axis={k}", [a])
        if fn == "squeeze":
            ones = [i for i, d in enumerate(A.shape) if d == 1]
            if ones and R.random() < 0.5:
                i = R.choice(ones)
                i = i - nd if R.random() < 0.3 else i
                t, k = R.choice([(f"{self.N('squeeze')}({a}, axis={i})", "np.squeeze(A,axis)"),
                                 (f"{a}.squeeze({i})", "A.squeeze(axis)")])
            else:
                t, k = R.choice([(f"{self.N('squeeze')}({a})", "np.squeeze(A)"), (f"{a}.squeeze()", "A.squeeze()")])
            return self.assign(S, t, f"manip:{k}", [a])
        if fn == "ravel":
            t, k = R.choice([(f"{a}.ravel()", "A.ravel()"), (f"{self.N('ravel')}({a})", "np.ravel(A)"),
                             (f"{a}.flatten()", "A.flatten()")])
            return self.assign(S, t, f"manip:{k}", [a])
        if fn in ("concatenate", "stack", "vstack", "hstack", "column_stack"):
            names = [n for n, v in S.arrays.items()]
            cands = []
            for _ in range(50):
                k = R.choice([2, 2, 2, 3])
                ops = [a] + [R.choice(names) for _ in range(k - 1)]
                R.shuffle(ops)
                seq = ", ".join(ops)
                seq = f"[{seq}]" if R.random() < 0.6 else f"({seq})"
                if fn == "concatenate":
                    axf = R.choice(["", "", ", axis=0", ", axis=1", ", axis=-1", ", axis=None", ", 1"])
                elif fn == "stack":
                    axf = R.choice(["", f", axis={R.randint(-(nd + 1), nd)}", f", {R.randint(0, nd)}"])
                else:
                    axf = ""
                t = f"{self.N(fn)}({seq}{axf})"
                ok, _ = self.ev(S, t)
                if ok:
                    cands.append((t, ops, axf))
            if not cands:
                return None
            t, ops, axf = R.choice(cands)
            axk = axf.replace(", ", "") or "default"
            return self.assign(S, t, f"manip:{fn} {len(ops)} ops {axk}", ops)
        if fn == "tile":
            if R.random() < 0.4:
                reps, k = str(R.randint(1, 3)), "int"
            else:
                L = R.randint(1, nd + 1)
                reps = "(" + ", ".join(str(R.randint(1, 3)) for _ in range(L)) + ("," if L == 1 else "") + ")"
                k = f"tuple len {'<' if L < nd else '=' if L == nd else '>'} ndim"
            return self.assign(S, f"{self.N('tile')}({a}, {reps})", f"manip:tile reps {k}", [a])
        if fn == "repeat":
            r = R.randint(1, 3)
            ax = R.randrange(-nd, nd)
            forms = [(f"{self.N('repeat')}({a}, {r})", "np.repeat(A,r) flat"),
                     (f"{self.N('repeat')}({a}, {r}, axis={ax})", "np.repeat(A,r,axis)"),
                     (f"{a}.repeat({r}, axis={ax})", "A.repeat(r,axis)"),
                     (f"{self.N('repeat')}({a}, [{', '.join(str(R.randint(0, 2)) for _ in range(A.shape[ax]))}], axis={ax})",
                      "np.repeat(A,list,axis)")]
            t, k = R.choice(forms)
            return self.assign(S, t, f"manip:{k}", [a])
        # broadcast_to
        dims = [d if d != 1 else R.choice([1, 2, 3, 4]) for d in A.shape]
        dims = [R.randint(1, 4) for _ in range(R.choice([0, 0, 1, 2]))] + dims
        parts, uses = [], [a]
        for d in dims:
            t, u = self.int_expr(S, d, 0.4)
            parts.append(t)
            uses += u
        sh = "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
        return self.assign(S, f"{self.N('broadcast_to')}({a}, {sh})", "manip:broadcast_to", uses)

    # ---- indexing
    def slice_text(self, S, L):
        R = self.R
        r = R.random()
        if r < 0.3:
            return ":", "full"
        if r < 0.45:
            st, u = self.int_expr(S, R.randint(0, max(L, 1)), 0.3)
            return f"{st}:", "start"
        if r < 0.6:
            st, u = self.int_expr(S, R.randint(0, L + 2), 0.3)
            return f":{st}", "stop"
        if r < 0.7:
            return f"::{R.choice([2, 3, -1, -2])}", "step"
        if r < 0.8:
            return f"{R.randint(-L - 1, L)}:{R.randint(-L, L + 1)}", "start:stop"
        if r < 0.9:
            return f"{R.randint(0, L)}:{R.randint(0, L + 1)}:{R.choice([2, -1, 3])}", "start:stop:step"
        if r < 0.95:
            return R.choice([":-1", "-2:", "1:-1", "::-1", f"{L + 2}:", f":{L + 3}", f"-{L + 2}:",
                             f"{L}:0:-1", f"-1:-{L + 2}:-2", f"{R.randint(0, L)}:{R.randint(0, L)}:-1"]), "neg/out of range"
        return "::" + str(R.randint(L + 1, L + 4)), "step > len"

    def c_index(self, S):
        R = self.R
        a = self.arr(S)
        if not a:
            return None
        A = S.arrays[a]
        nd = A.ndim
        mode = R.choices(["basic", "mask", "intarr"], [6, 1.5, 1.5])[0]
        nax = self.N("newaxis")
        if mode == "basic":
            items, kinds, uses = [], [], [a]
            for ax in range(R.randint(1, nd)):
                L = A.shape[ax]
                r = R.random()
                if r < 0.35 and L > 0:
                    if R.random() < 0.3 and (S.ints or S.scalars):
                        cand = [n for n, v in list(S.ints.items()) + list(S.scalars.items())
                                if isinstance(v, (int, np.integer)) and -L <= v < L and S.clean(n)]
                        if cand:
                            items.append(R.choice(cand))
                            kinds.append("intvar")
                            continue
                    items.append(str(R.randrange(-L, L)))
                    kinds.append("int" if not items[-1].startswith("-") else "negint")
                elif r < 0.45 and L > 0:
                    lst = [str(R.randrange(-L, L)) for _ in range(R.choice([1, 2, 2, 3]))]
                    items.append("[" + ", ".join(lst) + "]")
                    kinds.append("intlist")
                else:
                    s, k = self.slice_text(S, L)
                    items.append(s)
                    kinds.append("slice" if k == "full" else "slice:" + k)
            if R.random() < 0.03:
                items, kinds = [R.choice(["()", "..."])], ["empty tuple/ellipsis"]
            if R.random() < 0.2:
                pos = R.randrange(len(items) + 1)
                items.insert(pos, "...")
                kinds.insert(pos, "...")
            if R.random() < 0.25:
                for _ in range(R.randint(1, 2)):
                    pos = R.randrange(len(items) + 1)
                    items.insert(pos, R.choice(["None", nax]))
                    kinds.insert(pos, "newaxis")
            t = f"{a}[{', '.join(items)}]" if items != ["()"] else f"{a}[()]"
            kind = "index:" + ",".join(sorted(set(k.split(':')[0] for k in kinds)))
            return self.assign(S, t, kind, uses)
        if mode == "mask":
            same = [n for n, v in S.arrays.items() if v.shape == A.shape and v.dtype == bool and S.clean(n)]
            lead = [n for n, v in S.arrays.items() if v.ndim == 1 and len(v) == A.shape[0] and n != a and S.clean(n)]
            opts = [(f"{a}[{a} > 0]", "mask full (A>0)", [a])] if S.clean(a) else []
            if same:
                m = R.choice(same)
                opts.append((f"{a}[{m}]", "mask full var", [a, m]))
            if lead:
                m = R.choice(lead)
                opts.append((f"{a}[{m} > {R.choice(['0', '0.5'])}]", "mask axis0", [a, m]))
            if nd >= 2:
                col = [n for n, v in S.arrays.items() if v.ndim == 1 and len(v) == A.shape[1] and S.clean(n)]
                if col:
                    m = R.choice(col)
                    opts.append((f"{a}[:, {m} > 0]", "mask axis1", [a, m]))
            if not opts:
                return None
            t, k, u = R.choice(opts)
            return self.assign(S, t, "index:" + k, u)
        L = A.shape[0]
        if L == 0:
            return None
        lst = "[" + ", ".join(str(R.randrange(-L, L)) for _ in range(R.randint(1, 4))) + "]"
        idxs = [n for n, v in S.arrays.items() if v.dtype.kind in "iu" and v.size > 0 and v.ndim >= 1
                and S.clean(n)]
        opts = [(f"{a}[{lst}]", "intlist axis0", [a]),
                (f"{a}[{self.N('arange')}({R.randint(1, L)})]", "arange index", [a])]
        if idxs:
            m = R.choice(idxs)
            opts.append((f"{a}[{m}]", "intarray var", [a, m]))
            if nd >= 2:
                opts.append((f"{a}[:, {m}]", "intarray var axis1", [a, m]))
        if nd >= 2:
            L1 = A.shape[1]
            if L1:
                k = R.randint(1, 3)
                l0 = "[" + ", ".join(str(R.randrange(L)) for _ in range(k)) + "]"
                l1 = "[" + ", ".join(str(R.randrange(L1)) for _ in range(k)) + "]"
                opts.append((f"{a}[{l0}, {l1}]", "intlist pair", [a]))
                opts.append((f"{a}[:, {l1}]", "intlist axis1", [a]))
                opts.append((f"{a}[{l0}, 1:]", "intlist + slice", [a]))
        if nd >= 3 and A.shape[2]:
            l0 = "[" + ", ".join(str(R.randrange(L)) for _ in range(2)) + "]"
            l2 = "[" + ", ".join(str(R.randrange(A.shape[2])) for _ in range(2)) + "]"
            opts.append((f"{a}[{l0}, :, {l2}]", "intlist split by slice", [a]))
        t, k, u = R.choice(opts)
        return self.assign(S, t, "index:" + k, u)

    # ---- augmented assignment, alias
    def c_aug(self, S):
        R = self.R
        c = [n for n, v in S.arrays.items() if self.name_cat.get(n) in ("array", "scalar")
             and (S.reusable is None or n in S.reusable)]
        if not c:
            return None
        a = R.choice(c)
        op = R.choice(["+=", "-=", "*=", "/=", "+=", "*=", "//=", "%=", "**=", "@="])
        b, ub, bk = self.partner(S, a, 0.4)
        if op == "@=":
            sq = [n for n, v in S.arrays.items() if v.ndim == 2 and v.shape[0] == v.shape[1]]
            if not sq:
                return None
            b, ub, bk = (lambda n: (n, [n], "square"))(R.choice(sq))
        if op == "**=" and bk == "scalar":
            b = "2"
        if op == "**=" and not (S.clean(a) and S.clean(b)):
            return None
        if R.random() < 0.2:
            ax = R.randrange(S.arrays[a].ndim) if S.arrays[a].ndim else None
            if ax is not None:
                b, ub, bk = f"{a}.mean(axis={ax}, keepdims=True)", [a], "own reduction"
        t = f"{a} {op} {b}"
        try:
            tmp = dict(S.ns)
            tmp[a] = np.copy(S.ns[a])
            with quiet():
                exec(t, tmp)
        except Exception:
            return None
        return Line(t, f"aug:{op} {bk}", [a] + ub, [a])

    def c_setitem(self, S):
        """`A[...] = ...`: not an assignment to a name, A keeps its shape."""
        R = self.R
        a = self.arr(S, lambda v: v.size > 0)
        if not a or (S.reusable is not None and a not in S.reusable):
            return None
        A = S.arrays[a]
        idx = R.choice(["0", ":, 0" if A.ndim >= 2 else "-1", "...", f"{a} > 0" if S.clean(a) else "0", "::2",
                        "[0, -1]"])
        val = R.choice(["0", "1.5", f"{a}.mean()" if A.dtype != bool else "True"])
        t = f"{a}[{idx}] = {val}"
        try:
            tmp = dict(S.ns)
            tmp[a] = np.copy(S.ns[a])
            with quiet():
                exec(t, tmp)
        except Exception:
            return None
        return Line(t, "setitem", [a], [])

    def c_call(self, S):
        """Call a function defined earlier with other arguments."""
        R = self.R
        import types
        fns = [n for n, v in S.ns.items() if isinstance(v, types.FunctionType) and n in FUNC_POOL]
        if not fns:
            return None
        f = R.choice(fns)
        code = S.ns[f].__code__
        params = code.co_varnames[:code.co_argcount]
        arrs = [n for n, v in S.arrays.items() if v.ndim >= 1]
        if not arrs:
            return None
        cands = []
        for _ in range(15):
            args = [R.choice(list(S.ints)) if p == "n_" and S.ints else R.choice(arrs) for p in params]
            t = f"{f}({', '.join(args)})"
            ok, v = self.ev(S, t)
            if ok:
                cands.append((t, args, v))
        if not cands:
            return None
        t, args, v = R.choice(cands)
        if isinstance(v, tuple) and len(v) == 2:
            ts = [self.pick_target(S, category(x) if category(x) != "array" else "array") for x in v]
            if len(set(ts)) < 2:
                return None
            return Line(f"{ts[0]}, {ts[1]} = {t}", "call:earlier function again (tuple)", args, ts)
        return self.assign(S, t, "call:earlier function again", args)

    def c_alias(self, S):
        a = self.arr(S, allow0d=True)
        if not a:
            return None
        return self.assign(S, a, "alias:B = A", [a])

    def c_compose(self, S):
        """One builder's expression used as the operand of another: `np.exp(A @ B).sum(axis=1)`."""
        first = self.simple(S, compose=False)
        if first is None or not first.targets or " = " not in first.text \
                or first.text.startswith(first.targets[0] + ","):
            return None
        expr1 = first.text.split(" = ", 1)[1]
        ok, v = self.ev(S, expr1)
        if not ok or not isinstance(v, np.ndarray):
            return None
        ns2 = dict(S.ns)
        ns2["_TMP_"] = v
        S2 = State(ns2, S.tainted)
        S2.prefer = "_TMP_"
        S2.fresh_only = True
        second = self.simple(S2, compose=False)
        if second is None or not second.targets or "_TMP_" not in second.text or " = " not in second.text \
                or second.text.startswith(second.targets[0] + ",") or second.targets[0] == "_TMP_":
            return None
        for t in first.targets + second.targets:  # names the parts would have bound
            if t not in S.ns:
                self.used_names.discard(t)
        expr2 = second.text.split(" = ", 1)[1].replace("_TMP_", f"({expr1})")
        k1, k2 = (first.kind or "?").split(" [")[0], (second.kind or "?").split(" [")[0]
        uses = first.uses + [u for u in second.uses if u != "_TMP_"]
        return self.assign(S, expr2, f"compose:{k2} <- {k1.split(':')[0]}", uses)

    SIMPLE = [("c_fill", 5), ("c_full", 1.5), ("c_like", 2), ("c_eye", 1.5), ("c_arange", 2),
              ("c_linspace", 1.5), ("c_literal", 2.5), ("c_random", 4), ("c_rng", 2),
              ("c_int", 9), ("c_binop", 11), ("c_ufunc", 7), ("c_reduce", 12), ("c_product", 10),
              ("c_manip", 14), ("c_index", 11), ("c_aug", 3), ("c_alias", 0.5),
              ("c_compose", 8), ("c_setitem", 1), ("c_call", 2)]

    def simple(self, S, compose=True):
        table = [x for x in self.SIMPLE if compose or x[0] != "c_compose"]
        names, weights = zip(*table)
        if len(S.arrays) < 2:
            weights = [w * (6 if n in ("c_fill", "c_random", "c_literal", "c_arange", "c_rng") else 1)
                       for n, w in zip(names, weights)]
        fn = self.R.choices(names, weights)[0]
        return getattr(self, fn)(S)

    # ---- growing statement lists
    def grow(self, base, count, ctx, setup=None, max_tries=50):
        """Up to count simple statements valid after self.lines + base (unindented)."""
        accepted: list[Line] = []
        ns = run_source(self.source(base))
        if ns is None:
            return None, None
        tries = 0
        while len(accepted) < count and tries < max_tries:
            tries += 1
            S = State(ns, propagate_taint(base + accepted, self.tainted))
            if setup:
                setup(S, accepted)
            try:
                ln = self.simple(S)
            except Exception as exc:  # generator bug: skip the candidate
                print(f"[generator] {type(exc).__name__}: {exc}", file=sys.stderr)
                ln = None
            if ln is None:
                continue
            ns2 = run_source(self.source(base + accepted + [ln]))
            if ns2 is None:
                continue
            ln.ctx = ctx
            accepted.append(ln)
            ns = ns2
        return accepted, ns

    # ---- compound statements
    def cond(self, S):
        R = self.R
        if R.random() < 0.8:
            opts = []
            if S.ints:
                n = R.choice(list(S.ints))
                c = R.randint(1, 5)
                opts += [f"{n} > {c}", f"{n} >= {c}", f"{n} < {c}", f"{n} == {S.ints[n]}", f"{n} != {c}",
                         f"{n} % 2 == 0"]
            a = self.arr(S)
            if a:
                A = S.arrays[a]
                opts += [f"{a}.shape[0] == {A.shape[0] if R.random() < 0.6 else A.shape[0] + 1}",
                         f"{a}.ndim == {R.choice([1, 2, A.ndim])}", f"len({a}) > {R.randint(1, 4)}",
                         f"{a}.size > {R.choice([5, 10, 20])}"]
                b = self.arr(S)
                if b:
                    opts.append(f"{a}.shape == {b}.shape")
            if opts:
                return R.choice(opts), "decidable"
        a = self.arr(S, lambda v: True, allow0d=True)
        a = a if a is not None and S.clean(a) else None
        if a is None:
            return "True", "decidable"
        return R.choice([f"{a}.sum() > 0", f"{a}.mean() < 0.5", f"{a}.max() > 1",
                         f"{self.N('random.rand')}() > 0.5"]), "data-dependent"

    def c_if(self):
        R = self.R
        S = State(self.ns, self.tainted)
        cond, dec = self.cond(S)
        body, _ = self.grow([], R.randint(1, 2), "if")
        if not body:
            return None
        lines = [Line(f"if {cond}:", f"if:{dec}")] + [ln.indented("if") for ln in body]
        if R.random() < 0.65:
            first_t = [t for ln in body for t in ln.targets if self.name_cat.get(t) in ("array", "scalar", "int")]
            forced = R.choice(first_t) if first_t and R.random() < 0.6 else None

            def setup(S2, acc):
                if forced and not acc:
                    S2.force_target = forced
            els, _ = self.grow([], R.randint(1, 2), "else", setup)
            if els:
                lines += [Line("else:", None)] + [ln.indented("else") for ln in els]
        return lines

    def c_for(self):
        R = self.R
        S = State(self.ns, self.tainted)
        lv = R.choice([v for v in LOOP_VARS if v not in S.ns or isinstance(S.ns.get(v), int)])
        # range spelling
        ints = list(S.ints)
        a = self.arr(S, lambda a: 1 <= a.shape[0] <= 6)
        opts = [(f"range({R.randint(2, 4)})", None), (f"range(1, {R.randint(3, 5)})", None),
                (f"range(0, {R.randint(4, 7)}, 2)", None)]
        if ints:
            n = R.choice([i for i in ints if 1 <= S.ints[i] <= 6] or [None])
            if n:
                opts.append((f"range({n})", None))
        if a:
            opts += [(f"range(len({a}))", a), (f"range({a}.shape[0])", a)]
        rng_text, ra = R.choice(opts)
        ok, rv = self.ev(S, rng_text)
        if not ok or len(rv) == 0:
            return None
        first = rv[0]
        pre: list[Line] = []
        body: list[Line] = []
        template = R.choice(["free", "free", "accumulate", "grow", "iterate", "loopvar"])
        if template == "accumulate" and a:
            A = S.arrays[a]
            acc = self.fresh("array")
            sh = "(" + ", ".join(map(str, A.shape[1:])) + ("," if A.ndim == 2 else "") + ")"
            pre.append(Line(f"{acc} = {self.N('zeros')}({sh})", "create:zeros(tuple)", [], [acc]))
            e = R.choice([f"{acc} += {a}[{lv}]", f"{acc} = {acc} + {a}[{lv}] * 2", f"{acc} += {a}[{lv}] ** 2"])
            body.append(Line(e, "loop:accumulate A[i]", [acc, a], [acc], "loop"))
        elif template == "grow":
            b = self.arr(S, lambda b: b.ndim >= 1 and b.size <= 30)
            if not b:
                return None
            out = self.fresh("array")
            pre.append(Line(f"{out} = {b}", "alias:B = A", [b], [out]))
            e = R.choice([f"{out} = {self.N('concatenate')}([{out}, {b}], axis=0)",
                          f"{out} = {self.N('vstack')}([{out}, {b}])",
                          f"{out} = {out}[1:]", f"{out} = {self.N('expand_dims')}({out}, 0)[0]",
                          f"{out} = {self.N('hstack')}([{out}, {b}])"])
            body.append(Line(e, "loop:shape changes per iteration", [out, b], [out], "loop"))
        elif template == "iterate":
            sq = self.arr(S, lambda w: w.ndim == 2 and w.shape[0] == w.shape[1] and w.dtype != bool)
            x = self.arr(S, lambda x: x.ndim >= 1 and x.dtype != bool)
            if sq and x and S.arrays[x].shape[-1] == S.arrays[sq].shape[0]:
                e = f"{x} = {self.N('tanh')}({x} @ {sq})"
            elif x:
                e = f"{x} = {x} * 0.5 + 1"
            else:
                return None
            body.append(Line(e, "loop:x = f(x) shape-stable", [x] + ([sq] if sq and sq in e else []), [x], "loop"))
        elif template == "loopvar":
            b = self.arr(S, lambda b: b.ndim >= 1)
            opts = [f"{self.N('zeros')}({lv} + 1)", f"{self.N('arange')}({lv} + 1)"]
            if b:
                opts += [f"{b}[:{lv} + 1]", f"{b}[{lv}:]"]
            t = self.fresh("array")
            body.append(Line(f"{t} = {R.choice(opts)}", "loop:shape depends on loop var", [b] if b else [], [t],
                             "loop"))
        # free statements in the body
        def setup(S2, acc):
            S2.p_reuse = 0.5
        base = pre + [Line(f"{lv} = {first}")] + [Line(ln.text, targets=ln.targets) for ln in body]
        nfree = R.randint(1, 2) if template == "free" else R.randint(0, 1)
        free, _ = self.grow(base, nfree, "loop", setup)
        if free is None:
            return None
        body = body + free
        if not body:
            return None
        return pre + [Line(f"for {lv} in {rng_text}:", "for")] + [ln.indented("loop") for ln in body]

    def c_func(self):
        R = self.R
        S = State(self.ns, self.tainted)
        arrs = [n for n, v in S.arrays.items() if v.ndim >= 1]
        if not arrs:
            return None
        fname = R.choice([f for f in FUNC_POOL if f not in S.ns] or ["f"])
        nparams = R.choice([1, 1, 2])
        params = R.sample([p for p in PARAM_POOL if p not in S.ns], nparams)
        args = [R.choice(arrs) for _ in params]
        int_param = None
        if R.random() < 0.2 and S.ints:
            int_param = "n_"
            args.append(R.choice(list(S.ints)))
            params.append(int_param)
        base = [Line(f"{p} = {a}", targets=[p]) for p, a in zip(params, args)]

        def setup(S2, acc):
            S2.fresh_only = False
            S2.p_reuse = 0.3
            S2.reusable = set(params) | {t for ln in acc for t in ln.targets}
        body, ns = self.grow(base, R.randint(1, 3), "func", setup)
        if body is None:
            return None
        # body statements must not rebind globals
        for ln in body:
            for t in ln.targets:
                if t in self.ns and t not in params:
                    return None
        S2 = State(ns, propagate_taint(base + body, self.tainted))
        locs = [t for ln in body for t in ln.targets if t in S2.arrays] + [p for p in params if p in S2.arrays]
        # return expression
        ret = None
        for _ in range(20):
            S2.reusable = set(locs)
            cand = self.simple(S2)
            if cand is not None and " = " in cand.text and cand.targets and not cand.text.startswith(cand.targets[0] + ", "):
                expr = cand.text.split(" = ", 1)[1]
                if any(u in locs or u in params for u in cand.uses):
                    ret = Line(f"return {expr}", cand.kind, cand.uses, [], "func")
                    break
        if ret is None:
            if not locs:
                return None
            ret = Line(f"return {R.choice(locs)}", None, [], [], "func")
        tuple_ret = R.random() < 0.2 and len(locs) >= 1
        if tuple_ret:
            extra = R.choice(locs)
            ret = Line(ret.text + f", {extra}", None, [], [], "func")
        header = Line(f"def {fname}({', '.join(params)}):", None)
        fn_lines = [header] + [ln.indented("func") for ln in body] + [ret.indented("func")]
        # call
        call_args = ", ".join(args)
        if tuple_ret:
            r1, r2 = self.fresh("array"), self.fresh("array")
            call = Line(f"{r1}, {r2} = {fname}({call_args})", "call:f(A) tuple", args, [r1, r2])
        else:
            r1 = self.fresh("array")
            call = Line(f"{r1} = {fname}({call_args})", "call:f(A)", args, [r1])
        lines = fn_lines + [call]
        if run_source(self.source(lines)) is None:
            return None
        if R.random() < 0.6:
            # a second call with other arrays
            for _ in range(10):
                other = [R.choice(arrs) for _ in range(nparams)] + ([R.choice(list(S.ints))] if int_param else [])
                if other == args:
                    continue
                t2 = [self.fresh("array") for _ in call.targets]
                call2 = Line(f"{', '.join(t2)} = {fname}({', '.join(other)})", "call:f(B) second call", other, t2)
                if run_source(self.source(lines + [call2])) is not None:
                    lines.append(call2)
                    break
                for t in t2:
                    self.used_names.discard(t)
        self._param_map = dict(zip(params, args))
        return lines

    # ---- driver
    def commit(self, lines, param_map=None):
        local = dict(self.defrow)
        if param_map:
            for p, a in param_map.items():
                if a in self.defrow:
                    local[p] = self.defrow[a]
        for ln in lines:
            ln.row = len(self.lines) + 1
            self.lines.append(ln)
            table = local if ln.ctx == "func" else self.defrow
            ln.deps = [table[u] for u in ln.uses if u in table]
            for t in ln.targets:
                table[t] = ln.row
                if ln.ctx == "func":
                    continue
                local[t] = ln.row
        self.tainted = propagate_taint(lines, self.tainted)
        if param_map:
            self.tainted |= {p for p, a in param_map.items() if a in self.tainted}
        for ln in lines:
            for t in ln.targets:
                if t not in self.name_cat:
                    self.name_cat[t] = "array"

    def generate(self):
        R = self.R
        done, attempts = 0, 0
        while done < self.n_statements and attempts < 400:
            attempts += 1
            S = State(self.ns, self.tainted)
            r = R.random()
            self._param_map = None
            try:
                if r < 0.07 and len(S.arrays) >= 2:
                    lines = self.c_if()
                elif r < 0.13 and len(S.arrays) >= 2:
                    lines = self.c_for()
                elif r < 0.19 and len(S.arrays) >= 2:
                    lines = self.c_func()
                else:
                    ln = self.simple(S)
                    lines = [ln] if ln else None
            except Exception as exc:  # generator bug: skip the candidate
                print(f"[generator] seed {self.seed}: {type(exc).__name__}: {exc}", file=sys.stderr)
                lines = None
            if not lines:
                continue
            ns = run_source(self.source(lines))
            if ns is None:
                continue
            self.commit(lines, self._param_map)
            self.ns = ns
            done += 1
        return self


# --------------------------------------------------------------------------- recording

class Recorder(ast.NodeTransformer):
    """After each assignment to plain names, insert `__rec__(row, 'name', name)`."""

    def _names(self, node):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            t = node.targets[0]
            if isinstance(t, ast.Name):
                return [t]
            if isinstance(t, ast.Tuple) and all(isinstance(e, ast.Name) for e in t.elts):
                return list(t.elts)
        if isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name):
            return [node.target]
        return []

    def _body(self, stmts):
        out = []
        for s in stmts:
            self.visit(s)
            out.append(s)
            for t in self._names(s):
                call = ast.Expr(ast.Call(ast.Name("__rec__", ast.Load()),
                                         [ast.Constant(t.lineno), ast.Constant(t.id), ast.Name(t.id, ast.Load())],
                                         []))
                ast.copy_location(call, s)
                ast.fix_missing_locations(call)
                out.append(call)
        return out

    def generic_visit(self, node):
        for field in ("body", "orelse", "finalbody"):
            v = getattr(node, field, None)
            if isinstance(v, list) and v and isinstance(v[0], ast.stmt):
                setattr(node, field, self._body(v))
        return node


def record(src: str, sym_exprs: dict):
    """{(row, name): [(category, shape or None, {sym: value})]} from a real run."""
    obs = defaultdict(list)

    def __rec__(row, name, value):
        cat = category(value)
        shape = tuple(int(d) for d in np.shape(value)) if cat == "array" else None
        syms = {}
        for e in sym_exprs.get((row, name), ()):
            fr = sys._getframe(1)
            try:
                v = eval(e, fr.f_globals, dict(fr.f_locals))
                syms[e] = int(v) if isinstance(v, (int, np.integer)) and not isinstance(v, bool) else None
            except Exception:
                syms[e] = None
        obs[(row, name)].append((cat, shape, syms))

    tree = Recorder().visit(ast.parse(src))
    code = compile(tree, "<recorded>", "exec")
    ns = {"__name__": "__generated__", "__rec__": __rec__}
    np.random.seed(0)
    err = None
    try:
        _quiet_exec(code, ns)
    except Exception as exc:
        err = f"{type(exc).__name__}: {exc}"
    return obs, err


# --------------------------------------------------------------------------- shapelint

def run_shapelint(paths, batch, jobs):
    chunks = [paths[i:i + batch] for i in range(0, len(paths), batch)]

    def one(chunk):
        cmd = [sys.executable, "-m", "shapelint", "shapes", "--format", "json", *map(str, chunk)]
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        try:
            return json.loads(p.stdout), None
        except json.JSONDecodeError:
            return None, f"exit {p.returncode}: {p.stderr[-2000:]}"

    results, errors = [], []
    with ThreadPoolExecutor(jobs) as ex:
        for chunk, (res, err) in zip(chunks, ex.map(one, chunks)):
            if res is not None:
                results += res
                continue
            # retry file by file to isolate the failure
            for p in chunk:
                r1, e1 = one([p])
                if r1 is None:
                    errors.append((str(p), e1))
                else:
                    results += r1
    return results, errors


# --------------------------------------------------------------------------- classification

def judge(inferred, observations):
    """('exact'|'unknown-null'|'unknown-partial'|'WRONG'|'nonarray-ok'|'mixed-ok', why)."""
    cats = {o[0] for o in observations}
    if cats != {"array"}:
        if inferred is not None:
            return "WRONG", f"shape given but the value is {'/'.join(sorted(cats))}"
        return ("nonarray-ok" if "array" not in cats else "mixed-ok"), ""
    if inferred is None:
        return "unknown-null", ""
    exact = True
    for _, shape, syms in observations:
        if len(inferred) != len(shape):
            return "WRONG", f"rank {len(inferred)} vs real {len(shape)}"
        for i, (d, r) in enumerate(zip(inferred, shape)):
            if isinstance(d, bool) or not (d is None or isinstance(d, (int, str))):
                return "WRONG", f"axis {i} is {d!r}"
            if isinstance(d, int):
                if d != r:
                    return "WRONG", f"axis {i}: {d} vs real {r}"
            elif isinstance(d, str):
                exact = False
                v = syms.get(d)
                if v is not None and v != r:
                    return "WRONG", f"axis {i}: symbolic {d!r} = {v} at runtime vs real {r}"
            else:
                exact = False
    return ("exact" if exact else "unknown-partial"), ""


def fmt_shape(s):
    if s is None:
        return "null"
    return "(" + ", ".join("?" if d is None else str(d) for d in s) + ("," if len(s) == 1 else "") + ")"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--programs", type=int, default=300)
    ap.add_argument("--seed0", type=int, default=0)
    ap.add_argument("--statements", type=int, default=15)
    ap.add_argument("--out-dir", default="/tmp/independent_programs")
    ap.add_argument("--wrong-dir", default="/tmp/wrong_programs")
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--jobs", type=int, default=max(1, min(8, os.cpu_count() or 1)))
    ap.add_argument("--max-wrong-print", type=int, default=1000)
    args = ap.parse_args(argv)

    t0 = time.time()
    out_dir = Path(args.out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    wrong_dir = Path(args.wrong_dir)
    if wrong_dir.exists():
        shutil.rmtree(wrong_dir)
    wrong_dir.mkdir(parents=True)

    progs = {}
    replaced = 0
    for k in range(args.programs):
        seed = args.seed0 + k
        for attempt in range(10):
            # np.empty's garbage can make a value-dependent statement (a data-dependent `if`,
            # linalg.inv, an index array) behave differently from run to run: keep programs
            # that run the same way three more times
            g = Gen(seed + 1_000_003 * attempt, args.statements).generate()
            src = g.source()
            runs = [run_source(src) for _ in range(3)]
            if all(r is not None for r in runs) and len({tuple(sorted(r)) for r in runs}) == 1:
                break
            replaced += 1
        path = out_dir / f"prog_{seed:05d}.py"
        path.write_text(g.source())
        progs[str(path)] = g
    t_gen = time.time() - t0

    t1 = time.time()
    entries, sl_errors = run_shapelint(list(progs), args.batch, args.jobs)
    t_sl = time.time() - t1

    inferred = defaultdict(dict)  # path -> (row, name) -> shape
    for e in entries:
        fn = e["filename"]
        key = fn if fn in progs else str((ROOT / fn).resolve())
        inferred[key][(e["row"], e["name"])] = e["shape"]

    t2 = time.time()
    counts = Counter()
    fam = defaultdict(Counter)
    unknown_kinds, unknown_direct, unknown_ctx = Counter(), Counter(), Counter()
    wrongs = []
    rec_errors = []
    sym_axes = Counter()
    status_of = {}
    for path, g in progs.items():
        inf = inferred.get(path, {})
        sym = {k: [d for d in v if isinstance(d, str)] for k, v in inf.items() if v}
        obs, err = record(g.source(), sym)
        if err:
            rec_errors.append((path, err))
        byrow = {ln.row: ln for ln in g.lines}
        # classify in row order so that deps are known
        keys = sorted(set(obs) | set(inf))
        for key in keys:
            row, name = key
            ln = byrow.get(row)
            if key not in obs:
                counts["not executed"] += 1
                continue
            if key not in inf:
                counts["missing from shapelint output"] += 1
                continue
            st, why = judge(inf[key], obs[key])
            status_of[(path, key)] = st
            for d in inf[key] or ():
                if isinstance(d, str):
                    sym_axes["symbolic axes"] += 1
            kind = (ln.kind or "other") if ln else "?"
            family = kind.split(":")[0]
            if st in ("nonarray-ok", "mixed-ok"):
                counts["non-array assignment (null, right)"] += 1
                continue
            if st == "WRONG" and {o[0] for o in obs[key]} != {"array"}:
                counts["WRONG (shape for a non-array)"] += 1
            counts[st] += 1
            fam[family][st] += 1
            if st.startswith("unknown"):
                if len({o[1] for o in obs[key]}) > 1:
                    counts["unknown, real shape varies between executions"] += 1
                unknown_kinds[kind] += 1
                unknown_ctx[ln.ctx if ln else "?"] += 1
                if ln and all(status_of.get((path, (d, u))) == "exact"
                              for d in ln.deps for u in ln.uses if (d, u) in obs) and ln.ctx == "top":
                    unknown_direct[kind] += 1
            if st == "WRONG":
                reals = sorted({fmt_shape(o[1]) if o[0] == "array" else o[0] for o in obs[key]})
                wrongs.append((path, row, name, ln.text if ln else "?", inf[key], reals, why, len(obs[key])))
    t_rec = time.time() - t2

    for path in sorted({w[0] for w in wrongs}):
        shutil.copy(path, wrong_dir / Path(path).name)

    judged = counts["exact"] + counts["unknown-null"] + counts["unknown-partial"] + \
        (counts["WRONG"] - counts["WRONG (shape for a non-array)"])
    unk = counts["unknown-null"] + counts["unknown-partial"]
    n_lines = sum(len(g.lines) for g in progs.values())
    pct = (lambda x: f"{100 * x / judged:.1f}%") if judged else (lambda x: "-")

    print(f"shapelint shapes vs real numpy on {len(progs)} random programs "
          f"(seeds {args.seed0}..{args.seed0 + args.programs - 1}, {n_lines} lines)")
    print(f"array-valued assignments judged: {judged}")
    print(f"  exact:   {counts['exact']:5d}  {pct(counts['exact'])}")
    print(f"  unknown: {unk:5d}  {pct(unk)}   (null shape {counts['unknown-null']}, "
          f"partial {counts['unknown-partial']}; of them {counts['unknown, real shape varies between executions']} "
          f"whose real shape varies between executions, so no single shape is right)")
    print(f"  WRONG:   {counts['WRONG'] - counts['WRONG (shape for a non-array)']:5d}")
    print(f"non-array assignments: {counts['non-array assignment (null, right)'] + counts['WRONG (shape for a non-array)']}"
          f"  (shape given, WRONG: {counts['WRONG (shape for a non-array)']})")
    print(f"WRONG total: {counts['WRONG']}")
    if replaced:
        print(f"({replaced} generated programs were not deterministic (np.empty) and were regenerated "
              f"from another seed)")
    print(f"symbolic axes seen: {sym_axes['symbolic axes']}; rows not executed: {counts['not executed']}; "
          f"missing from shapelint output: {counts['missing from shapelint output']}")
    if sl_errors:
        print(f"shapelint failed on {len(sl_errors)} files:")
        for p, e in sl_errors[:10]:
            print(f"  {p}: {e}")
    if rec_errors:
        print(f"recording run raised in {len(rec_errors)} programs (generator bug):")
        for p, e in rec_errors[:10]:
            print(f"  {p}: {e}")

    print("\nby statement family:        n   exact unknown WRONG")
    for f in sorted(fam, key=lambda f: -sum(fam[f].values())):
        c = fam[f]
        n = sum(c.values())
        u = c["unknown-null"] + c["unknown-partial"]
        print(f"  {f:<22} {n:6d} {100 * c['exact'] / n:6.1f}% {100 * u / n:6.1f}% {c['WRONG']:5d}")

    print("\nunknown by context:", ", ".join(f"{k} {v}" for k, v in unknown_ctx.most_common()))
    print("\n20 most common statement kinds among the unknown ones:")
    for k, v in unknown_kinds.most_common(20):
        print(f"  {v:5d}  {k}")
    print("\n20 most common kinds among unknown top-level statements whose array inputs were exact where last "
          "assigned\n(a merge after an if / loop in between can still make an input unknown):")
    for k, v in unknown_direct.most_common(20):
        print(f"  {v:5d}  {k}")

    print(f"\nWRONG cases: {len(wrongs)} (programs copied to {wrong_dir})")
    for path, row, name, text, inf, reals, why, nexec in wrongs[:args.max_wrong_print]:
        g = progs[path]
        print("=" * 78)
        print(f"{path}:{row}  `{name}`: inferred {fmt_shape(inf) if isinstance(inf, list) else inf}, "
              f"real {', '.join(reals)} ({nexec} execution{'s' if nexec > 1 else ''}) -- {why}")
        print(f"  statement: {text.strip()}")
        print("  program:")
        for ln in g.lines:
            mark = ">>" if ln.row == row else "  "
            print(f"  {mark}{ln.row:3d} | {ln.text}")
    print(f"\ntime: generate {t_gen:.1f}s, shapelint {t_sl:.1f}s, record+judge {t_rec:.1f}s, "
          f"total {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
