"""The rewrite keeps what the program computes, in what order, on which line.

Each snippet runs twice, plainly and instrumented, and must leave the same
`result`; the snippets are the corners where a rewrite could change
Python's semantics (evaluation order, targets, scopes, frames).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from shapelint.runtime.instrument import SITES_NAME, instrument

from ._helpers import instrumented_namespace, plain_namespace

SNIPPETS = {
    "evaluation order": """
        import numpy as np
        log = []
        def f(x):
            log.append(repr(x)[:20])
            return x
        a = np.arange(6).reshape(2, 3)
        r = f(a)[f(0), f(1):f(3)] + f(1) * f(2)
        s = np.sum(f(a), axis=f(1))
        t = f(a) @ f(a).T - f(a)[f(slice(None)), f(None), f(0)].sum()
        result = (log, r.tolist(), s.tolist(), t.tolist())
    """,
    "arguments": """
        import numpy as np
        args = [np.ones((2, 2)), np.zeros((2, 2))]
        kw = {"axis": 1}
        a = np.concatenate(args, **kw)
        b = np.zeros(*(3,), **{"dtype": int})
        c = np.full(shape=(2,), fill_value=7)
        d = np.add(1, 2, out=None)
        gen = (x for x in [np.ones(2), np.ones(2)])
        e = np.stack(list(gen))
        result = (a.shape, b.dtype.kind, c.tolist(), int(d), e.shape)
    """,
    "scopes": """
        import numpy as np
        total = np.zeros((2, 1))
        def add_global(v):
            global total
            total += v
        def counter():
            n = np.zeros(1)
            def bump():
                nonlocal n
                n -= 1
                return n
            bump(); bump()
            return n
        add_global(np.ones((2, 1)))
        class Box:
            size = np.ones(3) * 2
            doubled = size.sum() * 2
            items = [float(x * 2) for x in size]
        result = (total.tolist(), counter().tolist(), Box.doubled, Box.items)
    """,
    "super and methods named like numpy": """
        class Base:
            def sum(self, axis=None):
                return "base" + str(axis)
        class Child(Base):
            def sum(self, axis=None):
                return "child+" + super().sum(axis=axis)
            def __repr__(self):
                return "Child" + str(__class__.__name__)
        result = (Child().sum(axis=1), repr(Child()))
    """,
    "comparisons": """
        import numpy as np
        a = np.arange(4)
        chained = 0 < a.sum() < 100
        mask = a >= 2
        inverted = ~mask
        same = a == a
        result = (chained, mask.tolist(), inverted.tolist(), bool(same.all()), -a[1], +a[2])
    """,
    "targets": """
        import numpy as np
        class Obj:
            pass
        o = Obj()
        o.T = 5
        a = np.zeros((3, 3))
        a[0] += 1
        a[:, 1] -= 2
        a[1, 2] = 7
        del o.T
        r0, r1, r2 = a
        (x, y), z = (1, 2), 3
        first, *rest = [1, 2, 3]
        for a[2, 0] in [9]:
            pass
        result = (a.tolist(), r0.tolist(), x, y, z, rest, hasattr(o, "T"))
    """,
    "strings and f-strings": """
        import numpy as np
        a = np.ones((2, 3))
        text = f"{a.T.shape=} {a.sum(axis=0)!r:>5}"
        fmt = "%d-%s" % (3, "x") + "y" * 2
        result = (text, fmt)
    """,
    "generators and walrus": """
        import numpy as np
        def gen():
            x = yield
            y = yield x * 2
            yield y
        g = gen(); next(g)
        out = [g.send(np.ones(2)).tolist(), g.send(3)]
        squares = [y := v * v for v in np.arange(3)]
        result = (out, [int(s) for s in squares], int(y))
    """,
    "subscripts": """
        import numpy as np
        a = np.arange(24).reshape(2, 3, 4)
        d = {(1, 2): "pair", "k": [1, 2, 3]}
        result = (
            a[..., None].shape, a[()].shape, a[1,].shape, a[::-1, 1:, ::2].shape, a[:, None].shape,
            d[1, 2], d["k"][::-1], d["k"][1:], "abc"[1:], a[0][1][2], a[np.array([True, False])].shape,
        )
    """,
    "exceptions": """
        import numpy as np
        messages = []
        for f in (lambda: np.ones((3, 4)) + np.ones(3), lambda: np.ones((2, 3)) @ np.ones((2, 3)),
                  lambda: np.arange(6).reshape(4, 2), lambda: np.zeros(3)[0, 0]):
            try:
                f()
            except (ValueError, IndexError) as exc:
                messages.append((type(exc).__name__, str(exc)))
        result = messages
    """,
    "match and decorators": """
        import functools
        import numpy as np
        class P:
            __match_args__ = ("x",)
            def __init__(self, x):
                self.x = x
        def describe(p):
            match p:
                case P(x=0):
                    return "zero"
                case P(x) if x > 1:
                    return "big" + str(x * 2)
            return "other"
        @functools.lru_cache(maxsize=None)
        def cached(n):
            return np.ones(n).sum()
        result = (describe(P(0)), describe(P(3)), describe(P(1)), cached(4), (lambda v=np.ones(2) * 3: v.tolist())())
    """,
    "long chains": """
        import numpy as np
        a = np.ones(2)
        x = """ + " + ".join(["a"] * 300) + """
        y = """ + "(" * 90 + "a" + ")" * 90 + """.sum()
        result = (x.tolist(), float(y))
    """,
    "async": """
        import asyncio
        import numpy as np
        async def value():
            return np.ones((2, 2))
        async def main():
            return np.sum(await value(), axis=0).tolist()
        result = asyncio.run(main())
    """,
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_the_instrumented_program_computes_the_same(name: str) -> None:
    source = textwrap.dedent(SNIPPETS[name])
    plain = plain_namespace(source)["result"]
    instrumented, recorder = instrumented_namespace(source)
    assert instrumented["result"] == plain
    assert not recorder.internal_errors


def _failing_rows(run, source: str) -> list[int]:
    """The rows of the snippet's frames in the traceback of the error `source` ends with."""
    with pytest.raises(ValueError) as info:
        run(source, "lines.py")
    rows = []
    tb = info.value.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        # A wrapper frame (named after the function it is in) has the operands and this flag as locals.
        if code.co_filename == "lines.py" and "__tracebackhide__" not in tb.tb_frame.f_locals:
            rows.append(tb.tb_lineno)
        tb = tb.tb_next
    return rows


def test_every_line_keeps_its_number() -> None:
    source = textwrap.dedent("""\
        import numpy as np
        total = (np.ones((2, 3))
                 + np.zeros(3))
        value = np.sum(
            total,
            axis=1,
        )
        if (value
                > 0).all():
            value -= np.ones(
                2)
        def f(a,
              b):
            return (a
                    @ b)
        f(np.ones((2, 3)),
          np.ones((2, 3)))
    """)
    made = instrument(source, "lines.py", 0)
    assert made.rewritten.count("\n") == source.count("\n")
    for code in [made.code, *[c for c in made.code.co_consts if hasattr(c, "co_lines")]]:
        assert {line for _, _, line in code.co_lines()} <= set(range(0, source.count("\n") + 2)) | {None}

    def instrumented(text: str, filename: str) -> None:
        namespace, _ = instrumented_namespace(text, filename)

    assert _failing_rows(instrumented, source) == _failing_rows(plain_namespace, source) == [16, 14]


def test_wrappers_are_compiled_at_their_sites_line() -> None:
    source = "import numpy as np\n\n\nx = np.ones(3)\ny = x + 1\n"
    namespace, recorder = instrumented_namespace(source, "lines.py")
    wrappers = [w for w in namespace[SITES_NAME] if hasattr(w, "__code__")]
    assert {(w.__code__.co_filename, w.__code__.co_firstlineno) for w in wrappers} == {("lines.py", 4), ("lines.py", 5)}


def test_what_the_recorder_sees_is_what_numpy_made() -> None:
    source = textwrap.dedent("""\
        import numpy as np
        A = np.ones((3, 4))
        s = A.sum(axis=1)
        t = A[:, 0]
        u = (A @ A.T)[0]
    """)
    _, recorder = instrumented_namespace(source)
    record = recorder.modules[0]
    observed = {target.value: shapes for target, shapes in record.observed.items()}
    assert observed == {"A": [(3, 4)], "s": [(3,)], "t": [(3,)], "u": [(3,)]}
    fresh = {b.target.value for b in record.bindings if b.fresh}
    assert fresh == {"s", "t", "u"}


def test_a_module_libcst_cannot_parse_runs_uninstrumented(tmp_path) -> None:
    from shapelint.runtime.instrument import InstrumentError

    with pytest.raises(InstrumentError):
        instrument("x = (\n", "bad.py", 0)


def test_arrays_keep_their_provenance_only_while_alive() -> None:
    source = textwrap.dedent("""\
        import numpy as np
        for i in range(10000):
            v = np.ones((5, 5)).sum(axis=1)
    """)
    _, recorder = instrumented_namespace(source)
    assert len(recorder._provs) <= 8192
    assert np.ones(1).shape == (1,)
