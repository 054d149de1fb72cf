"""Property tests of the product and linear-algebra rules against real numpy.

Pairs of operands are generated so that the contracted lengths agree most of
the time (most cases succeed) and disagree sometimes (the rule must then not
claim a shape, and for dot/matmul must raise ShapeError("matmul")).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from shapelint.domain import SCALAR, UNKNOWN_SHAPE, Known, Shape, Sym, Unknown, shape_of
from shapelint.numpy_api import REGISTRY, ShapeError
from shapelint.values import NONE, UNKNOWN, Array, Const, Int, Lst, Opaque, PyFloat, Tup

from ._check import check, check_any, dtype_kind, infer, is_exact, numpy_result, run
from ._check import signed_array as make

SETTINGS = settings(max_examples=100, deadline=None)

PRODUCTS = [
    "numpy.dot",
    "numpy.ndarray.dot",
    "numpy.matmul",
    "numpy.vdot",
    "numpy.inner",
    "numpy.outer",
    "numpy.tensordot",
    "numpy.kron",
    "numpy.cross",
    "numpy.einsum",
    "numpy.trace",
]
LINALG = [
    "numpy.linalg.inv",
    "numpy.linalg.pinv",
    "numpy.linalg.det",
    "numpy.linalg.solve",
    "numpy.linalg.eig",
    "numpy.linalg.eigh",
    "numpy.linalg.svd",
    "numpy.linalg.qr",
    "numpy.linalg.cholesky",
    "numpy.linalg.matrix_power",
]
ALL_NAMES = PRODUCTS + LINALG


def test_every_rule_of_the_module_is_tested() -> None:
    mine = {name for name, rule in REGISTRY.items() if rule.__module__.endswith("_products")}
    assert mine == set(ALL_NAMES)


# -- helpers --


def exact(inferred, actual):
    """The answer is numpy's shape and dtype kind, for arrays and tuples of arrays."""
    if isinstance(inferred, Tup):
        return isinstance(actual, tuple) and all(exact(x, y) for x, y in zip(inferred.items, actual))
    return (
        is_exact(inferred)
        and inferred.shape.concrete == np.shape(actual)
        and inferred.dtype == dtype_kind(np.asarray(actual).dtype)
    )


def assert_consistent(name, inferred, args, kwargs=None):
    """Exact when numpy succeeds; a ShapeError when it raises (for the contracted products)."""
    kwargs = kwargs or {}
    actual, error = numpy_result(name, *args, **kwargs)
    if error is None:
        assert exact(inferred, actual), f"{name}{tuple(np.shape(a) for a in args)}: {inferred!r} vs {np.shape(actual)}"
    return actual, error


def check_raising(name, *args, kind=None, **kwargs):
    """`check`, then `assert_consistent`; where numpy raises, the rule must have raised a ShapeError (of `kind`)."""
    inferred = check(name, *args, **kwargs)
    _, error = assert_consistent(name, inferred, args, kwargs)
    if error is not None:
        assert isinstance(inferred, ShapeError) and inferred.kind == (kind or inferred.kind)
    return inferred


kinds = st.sampled_from(["f", "f", "i", "b"])
lengths = st.integers(1, 4) | st.just(0)


@st.composite
def arrays_of(draw, shape, kind=None):
    return make(tuple(shape), draw(kinds) if kind is None else kind, draw(st.integers(0, 1000)))


@st.composite
def shapes(draw, min_rank=0, max_rank=4):
    return tuple(draw(st.lists(lengths, min_size=min_rank, max_size=max_rank)))


def _maybe_equal(draw, length):
    """The same length most of the time, else anything."""
    return length if draw(st.integers(0, 9)) < 8 else draw(lengths)


# -- dot, ndarray.dot, matmul --


@st.composite
def dot_pairs(draw):
    a = draw(shapes())
    b = list(draw(shapes()))
    if a and b:
        j = 0 if len(b) == 1 else len(b) - 2
        b[j] = _maybe_equal(draw, a[-1])
    return draw(arrays_of(a)), draw(arrays_of(b))


@SETTINGS
@given(dot_pairs(), st.sampled_from(["numpy.dot", "numpy.ndarray.dot"]))
def test_dot(pair, name):
    a, b = pair
    inferred = check_raising(name, a, b, kind="matmul")
    if isinstance(inferred, ShapeError):
        assert inferred.details["left"] == shape_of(*a.shape) and inferred.details["right"] == shape_of(*b.shape)


@st.composite
def matmul_pairs(draw):
    # 0-d operands are always an error for matmul: keep them rare.
    a = list(draw(shapes(min_rank=draw(st.sampled_from([1, 1, 1, 0])))))
    b = list(draw(shapes(min_rank=draw(st.sampled_from([1, 1, 1, 0])))))
    if len(a) >= 1 and len(b) >= 1:
        j = 0 if len(b) == 1 else len(b) - 2
        b[j] = _maybe_equal(draw, a[-1])
    if len(a) > 2 and len(b) > 2 and draw(st.integers(0, 4)) < 4:
        # make the batch axes broadcast: copy a's, with some set to 1
        ba, bb = a[:-2], b[:-2]
        k = min(len(ba), len(bb))
        for i in range(1, k + 1):
            bb[-i] = draw(st.sampled_from([ba[-i], ba[-i], 1]))
        b = bb + b[-2:]
    return draw(arrays_of(a)), draw(arrays_of(b))


@SETTINGS
@given(matmul_pairs())
def test_matmul(pair):
    a, b = pair
    inferred = check_raising("numpy.matmul", a, b, kind="matmul")
    if isinstance(inferred, ShapeError):
        assert inferred.details["left"] == shape_of(*a.shape)


def test_matmul_message_names_both_shapes():
    out = infer("numpy.matmul", np.ones((3, 4)), np.ones((3, 4)))
    assert isinstance(out, ShapeError) and out.kind == "matmul"
    assert out.message == "shapes (3, 4) and (3, 4) not aligned: 4 (dim 1) != 3 (dim 0)"
    assert out.details == {"left": shape_of(3, 4), "right": shape_of(3, 4)}
    out = infer("numpy.dot", np.ones((2, 5, 3)), np.ones((4, 2, 6)))
    assert out.message == "shapes (2, 5, 3) and (4, 2, 6) not aligned: 3 (dim 2) != 2 (dim 1)"


def test_matmul_of_a_scalar_is_an_error():
    out = infer("numpy.matmul", 3, np.ones(3))
    assert isinstance(out, ShapeError) and out.kind == "matmul"
    assert isinstance(infer("numpy.matmul", np.ones(3), np.float64(2.0)), ShapeError)


def test_matmul_with_symbols():
    n, k, m = Sym("n", "n"), Sym("k", "k"), Sym("m", "m")
    out = run("numpy.matmul", Array(Shape((n, k)), "f"), Array(Shape((k, m)), "f"))
    assert out == Array(Shape((n, m)), "f")
    # An unknown length against a known one may match: no error.
    out = run("numpy.matmul", Array(Shape((n, Known(3))), "f"), Array(Shape((k, m)), "f"))
    assert out == Array(Shape((n, m)), "f")
    out = run("numpy.matmul", Array(Shape((n, Known(3))), "f"), Array(Shape((Known(4), m)), "f"))
    assert isinstance(out, ShapeError) and "(n, 3) and (4, m)" in out.message
    out = run("numpy.dot", Array(Shape((n,)), "f"), Array(Shape((n,)), "f"))
    assert out == Array(SCALAR, "f")
    out = run("numpy.matmul", Array(UNKNOWN_SHAPE, "f"), Array(Shape((n,)), "f"))
    assert isinstance(out, Array) and out.shape == UNKNOWN_SHAPE


def test_dtypes():
    f, i, b = Array(shape_of(2, 2), "f"), Array(shape_of(2, 2), "i"), Array(shape_of(2, 2), "b")
    assert run("numpy.dot", i, i).dtype == "i"
    assert run("numpy.dot", i, f).dtype == "f"
    assert run("numpy.matmul", b, b).dtype == "b"
    assert run("numpy.matmul", f, f, dtype=Const(np.float32)).dtype is None
    assert run("numpy.linalg.inv", i).dtype == "f"


# -- vdot, inner, outer --


@st.composite
def same_size_pairs(draw):
    a = draw(shapes())
    total = int(np.prod(a))
    if draw(st.integers(0, 4)) < 4:
        b = draw(st.sampled_from([(total,), (1, total), (total, 1)] + ([(2, total // 2)] if total % 2 == 0 else [])))
    else:
        b = draw(shapes())
    return draw(arrays_of(a)), draw(arrays_of(b))


@SETTINGS
@given(same_size_pairs())
def test_vdot(pair):
    check_raising("numpy.vdot", *pair)


@st.composite
def inner_pairs(draw):
    a = draw(shapes())
    b = list(draw(shapes()))
    if a and b:
        b[-1] = _maybe_equal(draw, a[-1])
    return draw(arrays_of(a)), draw(arrays_of(b))


@SETTINGS
@given(inner_pairs())
def test_inner(pair):
    check_raising("numpy.inner", *pair)


@SETTINGS
@given(st.data())
def test_outer(data):
    a = data.draw(arrays_of(data.draw(shapes(max_rank=3))))
    b = data.draw(arrays_of(data.draw(shapes(max_rank=3))))
    assert_consistent("numpy.outer", check("numpy.outer", a, b), (a, b))


# -- tensordot, kron, cross --


@st.composite
def tensordot_cases(draw):
    a = draw(shapes(max_rank=3))
    form = draw(st.sampled_from(["default", "int", "pair", "pair_int"]))
    b = list(draw(shapes(max_rank=3)))
    if form in ("default", "int"):
        n = 2 if form == "default" else draw(st.integers(0, 3))
        if n <= len(a) and draw(st.integers(0, 4)) < 4:
            b = list(a[len(a) - n :]) + b  # contracted axes agree
        axes = None if form == "default" else n
    else:
        count = draw(st.integers(0, min(len(a), 2) if a else 0))
        axes_a = draw(st.lists(st.integers(-len(a) - 1, max(len(a), 1)), min_size=count, max_size=count))
        positions = list(range(len(b) + count))
        axes_b = draw(st.permutations(positions))[:count] if positions else []
        for pos, ax in sorted(zip(axes_b, axes_a)):
            value = a[ax] if -len(a) <= ax < len(a) else 1
            b.insert(pos, _maybe_equal(draw, value))
        axes_b = [p - len(b) if draw(st.booleans()) else p for p in axes_b]
        axes = (axes_a[0], axes_b[0]) if form == "pair_int" and count == 1 else (axes_a, axes_b)
    return draw(arrays_of(a)), draw(arrays_of(tuple(b))), axes


@SETTINGS
@given(tensordot_cases())
def test_tensordot(case):
    a, b, axes = case
    check_raising("numpy.tensordot", *((a, b) if axes is None else (a, b, axes)))


@SETTINGS
@given(st.data())
def test_kron(data):
    small = st.lists(st.integers(0, 3), max_size=3).map(tuple)
    a = data.draw(arrays_of(data.draw(small)))
    b = data.draw(arrays_of(data.draw(small)))
    assert_consistent("numpy.kron", check("numpy.kron", a, b), (a, b))


@st.composite
def cross_cases(draw):
    """Stacks of 2- or 3-vectors (sometimes 4) whose other axes mostly broadcast."""
    batch = draw(st.lists(st.integers(1, 3), max_size=2))

    def vectors():
        rest = [draw(st.sampled_from([x, x, 1])) for x in batch][: draw(st.integers(0, len(batch)))]
        if draw(st.integers(0, 5)) == 4:
            rest = draw(st.lists(st.integers(1, 3), max_size=2))
        axis = draw(st.integers(-len(rest) - 1, len(rest)))
        length = draw(st.sampled_from([3, 3, 2, 4]))
        shape = rest[:]
        shape.insert(axis % (len(rest) + 1), length)
        return shape, axis

    sa, axisa = vectors()
    sb, axisb = vectors()
    kwargs = {}
    if draw(st.booleans()):
        kwargs["axisa"] = axisa
    else:
        sa[-1] = draw(st.sampled_from([3, 2]))
    if draw(st.booleans()):
        kwargs["axisb"] = axisb
    else:
        sb[-1] = draw(st.sampled_from([3, 2]))
    if draw(st.booleans()):
        kwargs["axisc"] = draw(st.integers(-3, 2))
    if draw(st.integers(0, 5)) == 3:
        kwargs = {"axis": draw(st.integers(-2, 1))}
    if draw(st.integers(0, 9)) == 7:
        sa = []  # 0-d: an error
    return draw(arrays_of(sa)), draw(arrays_of(sb)), kwargs


@SETTINGS
@given(cross_cases())
def test_cross(case):
    a, b, kwargs = case
    inferred = check("numpy.cross", a, b, **kwargs)
    actual, error = numpy_result("numpy.cross", a, b, **kwargs)
    if error is None and not (a.dtype == bool and b.dtype == bool):
        assert exact(inferred, actual)


@SETTINGS
@given(st.data())
def test_trace(data):
    a = data.draw(arrays_of(data.draw(shapes())))
    kwargs = {}
    if data.draw(st.booleans()):
        kwargs["axis1"] = data.draw(st.integers(-a.ndim - 1, a.ndim))
    if data.draw(st.booleans()):
        kwargs["axis2"] = data.draw(st.integers(-a.ndim - 1, a.ndim))
    if data.draw(st.booleans()):
        kwargs["offset"] = data.draw(st.integers(-2, 2))
    inferred = check("numpy.trace", a, **kwargs)
    assert_consistent("numpy.trace", inferred, (a,), kwargs)


# -- numpy.linalg --


@st.composite
def matrices(draw, square=None):
    """Random float stacks of matrices, square most of the time, sometimes of rank < 2."""
    batch = tuple(draw(st.lists(st.integers(0, 3), max_size=2)))
    rank = draw(st.sampled_from([2, 2, 2, 2, 1, 0]))
    m = draw(st.integers(0, 4))
    n = m if (square if square is not None else draw(st.integers(0, 3)) < 3) else draw(st.integers(0, 4))
    shape = batch + (m, n) if rank == 2 else (m,) * rank
    return make(shape, "f", draw(st.integers(0, 1000)))


SQUARE_RULES = ["numpy.linalg.inv", "numpy.linalg.det", "numpy.linalg.eig", "numpy.linalg.eigh"]


@SETTINGS
@given(st.sampled_from(SQUARE_RULES + ["numpy.linalg.pinv"]), matrices())
def test_linalg_one_matrix(name, a):
    inferred = check_any(name, a)
    actual, error = assert_consistent(name, inferred, (a,))
    if error is not None:
        assert isinstance(inferred, ShapeError) and inferred.kind == "linalg"


@SETTINGS
@given(matrices(), st.booleans())
def test_pinv_hermitian(a, hermitian):
    if hermitian and a.ndim >= 2 and a.shape[-1] == a.shape[-2]:
        a = a + np.swapaxes(a, -1, -2)
    check_raising("numpy.linalg.pinv", a, hermitian=hermitian, kind="linalg")


@SETTINGS
@given(matrices(), st.booleans())
def test_cholesky(a, upper):
    if a.ndim >= 2 and a.shape[-1] == a.shape[-2]:
        a = a @ np.swapaxes(a, -1, -2) + a.shape[-1] * np.eye(a.shape[-1])  # positive definite
    check_raising("numpy.linalg.cholesky", a, upper=upper)


@SETTINGS
@given(matrices(), st.booleans(), st.booleans(), st.booleans())
def test_svd(a, full_matrices, compute_uv, hermitian):
    if hermitian and a.ndim >= 2 and a.shape[-1] == a.shape[-2]:
        a = a + np.swapaxes(a, -1, -2)
    kwargs = {"full_matrices": full_matrices, "compute_uv": compute_uv, "hermitian": hermitian}
    inferred = check_any("numpy.linalg.svd", a, **kwargs)
    actual, error = assert_consistent("numpy.linalg.svd", inferred, (a,), kwargs)
    if error is not None:
        assert isinstance(inferred, ShapeError)


@SETTINGS
@given(matrices(square=False), st.sampled_from([None, "reduced", "complete", "r", "raw"]))
def test_qr(a, mode):
    kwargs = {} if mode is None else {"mode": mode}
    inferred = check_any("numpy.linalg.qr", a, **kwargs)
    assert_consistent("numpy.linalg.qr", inferred, (a,), kwargs)


@SETTINGS
@given(matrices(square=True), st.integers(-2, 3), kinds)
def test_matrix_power(a, power, kind):
    if kind != "f" and power >= 0:
        a = make(a.shape, kind)
    inferred = check("numpy.linalg.matrix_power", a, power)
    assert_consistent("numpy.linalg.matrix_power", inferred, (a, power))


@st.composite
def solve_cases(draw):
    batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    m = draw(st.integers(1, 4))
    a_shape = batch + (m, draw(st.sampled_from([m, m, m, m + 1])))
    form = draw(st.sampled_from(["vector", "matrix", "batched", "scalar"]))
    mm = _maybe_equal(draw, m) or 1
    if form == "vector":
        b_shape = (mm,)
    elif form == "matrix":
        b_shape = (mm, draw(st.integers(1, 3)))
    elif form == "batched":
        b_batch = tuple(draw(st.sampled_from([x, 1])) for x in batch)
        if draw(st.integers(0, 4)) == 3:
            b_batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
        b_shape = b_batch + (mm, draw(st.integers(1, 3)))
    else:
        b_shape = ()
    return make(a_shape, "f", draw(st.integers(0, 99))), make(b_shape, "f", 1)


@SETTINGS
@given(solve_cases())
def test_solve(case):
    check_raising("numpy.linalg.solve", *case, kind="linalg")


def test_solve_follows_numpy_2_for_a_batch_of_vectors():
    # numpy >= 2 treats b as a vector only when b.ndim == 1: (2, 3) is a (3, 2)-shaped
    # right-hand side here, not two vectors, and does not fit (2, 3, 3).
    out = infer("numpy.linalg.solve", np.ones((2, 3, 3)), np.ones((2, 3)))
    assert isinstance(out, ShapeError)
    assert exact(infer("numpy.linalg.solve", np.eye(3)[None].repeat(2, 0), np.ones(3)), np.ones((2, 3)))


# -- einsum --


@st.composite
def einsum_cases(draw):
    letters = draw(st.sampled_from(["ab", "abc", "abcd", "ijkB"]))
    size = {c: draw(st.integers(1, 3)) for c in letters}
    dots_shape = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    use_dots = draw(st.integers(0, 3)) == 2
    count = draw(st.integers(1, 3))
    terms, operands = [], []
    for _ in range(count):
        term = draw(st.lists(st.sampled_from(letters), max_size=3))
        shape = [size[c] for c in term]
        for i in range(len(shape)):
            roll = draw(st.integers(0, 19))
            if roll == 7:
                shape[i] = 1  # broadcasts against the other operands
            elif roll == 11:
                shape[i] = draw(st.integers(0, 4))  # may clash
        text = "".join(term)
        if use_dots and draw(st.booleans()):
            cut = draw(st.integers(0, len(term)))
            keep = draw(st.integers(0, len(dots_shape)))
            sub = [draw(st.sampled_from([x, x, 1])) for x in dots_shape[len(dots_shape) - keep :]]
            text = text[:cut] + "..." + text[cut:]
            shape = shape[:cut] + sub + shape[cut:]
        if draw(st.integers(0, 19)) == 13:
            shape = shape + [2]  # a rank that does not fit the subscripts
        terms.append(text)
        operands.append(make(tuple(shape), draw(kinds), draw(st.integers(0, 99))))
    subscripts = ",".join(terms)
    if draw(st.booleans()):
        seen = sorted(set("".join(terms).replace(".", "")))
        out = draw(st.permutations(seen))[: draw(st.integers(0, len(seen)))] if seen else []
        out = "".join(out)
        if use_dots and draw(st.integers(0, 3)) > 0:
            cut = draw(st.integers(0, len(out)))
            out = out[:cut] + "..." + out[cut:]
        if draw(st.integers(0, 29)) == 17:
            out += "z"  # never appeared in an input
        subscripts += "->" + out
    if draw(st.integers(0, 9)) == 5:
        subscripts = subscripts.replace(",", " , ", 1)
    return subscripts, operands, draw(st.sampled_from([{}, {}, {"optimize": True}, {"optimize": False}]))


@settings(max_examples=300, deadline=None)
@given(einsum_cases())
# numpy keeps the later length of a repeated subscript whose first length is 0.
@example(("aab->ab", [np.zeros((0, 1, 1))], {}))
def test_einsum(case):
    subscripts, operands, kwargs = case
    inferred = check("numpy.einsum", subscripts, *operands, **kwargs)
    actual, error = numpy_result("numpy.einsum", subscripts, *operands, **kwargs)
    explicit_without_dots = "->" in subscripts and "..." not in subscripts.split("->")[1]
    # A repeated subscript over a 0-length axis has no certain answer (see `_collapsed`).
    zero_collapse = any(0 in o.shape for o in operands) and any(
        len(set(term)) < len(term) for term in subscripts.split("->")[0].replace(".", "").replace(" ", "").split(",")
    )
    if error is None and not zero_collapse and not (explicit_without_dots and "..." in subscripts):
        assert exact(inferred, actual), f"{subscripts} {[o.shape for o in operands]}: {inferred!r} vs {np.shape(actual)}"


@pytest.mark.parametrize(
    ("subscripts", "shapes", "expected"),
    [
        ("ij,jk->ik", [(2, 3), (3, 4)], (2, 4)),
        ("ij,jk", [(2, 3), (3, 4)], (2, 4)),
        ("ji", [(2, 3)], (3, 2)),
        ("Ba", [(2, 3)], (2, 3)),
        ("ii", [(3, 3)], ()),
        ("ii->i", [(3, 3)], (3,)),
        ("i,i->i", [(3,), (1,)], (3,)),
        ("...ij,...jk", [(7, 2, 3), (3, 4)], (7, 2, 4)),
        ("i...", [(2, 3)], (3, 2)),
        ("...i,...i", [(2, 3), (5, 1, 3)], (5, 2)),
    ],
)
def test_einsum_examples(subscripts, shapes, expected):
    out = check("numpy.einsum", subscripts, *[np.ones(s) for s in shapes])
    assert is_exact(out) and out.shape.concrete == expected


def test_einsum_mismatch_raises():
    out = infer("numpy.einsum", "ij,jk->ik", np.ones((2, 3)), np.ones((4, 4)))
    assert isinstance(out, ShapeError) and out.kind == "einsum"
    assert isinstance(infer("numpy.einsum", "ii->i", np.ones((1, 3))), ShapeError)
    # '...' over axes the output drops: numpy raises unless optimizing
    assert infer("numpy.einsum", "...i->i", np.ones((2, 3))) is UNKNOWN


# -- robustness --

n = Sym("n", "n")
m = Sym("m", "m")


JUNK = [
    UNKNOWN,
    NONE,
    Const("ij,jk->ik"),
    Const("...i"),
    Const("i->j->k"),
    Const("ab,cd"),
    Const("reduced"),
    Const(1.5),
    Const(True),
    PyFloat(),
    Int(Known(-2)),
    Int(Known(2)),
    Int(Sym("k", "k")),
    Int(Unknown()),
    Opaque(key="p", name="p"),
    Tup(()),
    Tup((UNKNOWN, Int(Known(0)))),
    Tup((Lst((Int(Known(0)),)), Lst((Int(Known(5)),)))),
    Lst(None),
    Array(UNKNOWN_SHAPE, None),
    Array(SCALAR, "i"),
    Array(Shape((n,)), "f"),
    Array(Shape((n, Known(0), Unknown())), "b"),
    Array(Shape((n, m)), None),
    Array(Shape((Known(3), Known(3))), "f"),
    Array(Shape((Known(2), n, Known(3))), "f"),
]
junk = st.sampled_from(JUNK)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(ALL_NAMES),
    st.lists(junk, max_size=4),
    st.dictionaries(
        st.sampled_from(["axes", "axis", "axisa", "axisc", "mode", "full_matrices", "out", "dtype", "optimize", "bogus", "n"]),
        junk,
        max_size=2,
    ),
)
def test_never_crashes(name, args, kwargs):
    out = run(name, *args, **kwargs)
    assert isinstance(out, (ShapeError, type(UNKNOWN), Array, Tup))
