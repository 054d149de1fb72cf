"""Shape rules for numpy products and linear algebra: dot, matmul (`@`), einsum, linalg.

A mismatch of the contracted axes of `dot`, `matmul`, `ndarray.dot`, `vdot`,
`inner` and `tensordot` raises `ShapeError("matmul", ...)` with both shapes
in the message and as the `left` / `right` details (rule SL006 reports it).
`numpy.linalg` shape errors (not square, not 2-d) are `ShapeError("linalg")`.

>>> from shapelint.domain import shape_of
>>> str(dot_shape(shape_of(3, 4), shape_of(4, 5)))
'(3, 5)'

Not handled (UNKNOWN): `out=`; operands of unknown rank (except where a 0-d
operand decides); einsum's sublist form, invalid subscripts, and `...` that
covers axes the output drops (numpy accepts it only with `optimize`); matrix
orders and axes not given as constants.
"""

from __future__ import annotations

from ..domain import (
    ONE,
    SCALAR,
    UNKNOWN_SHAPE,
    Axis,
    Known,
    Shape,
    Sym,
    Unknown,
    arith,
    broadcast,
    declared_apart,
    format_shape,
    same_length,
    size,
)
from ..values import Array, Const, Int, Lst, Tup, Value, known_int
from ._args import flag, given, normalize_axis, sure_array
from ._dtypes import float_dtype, summed_dtype
from ._registry import CallArgs, GiveUp, ShapeError, shape_rule


def _bind(call: CallArgs, signature: str) -> dict[str, Value]:
    """The bound arguments; gives up on `out=`, which the rules do not follow."""
    bound = call.bind(signature)
    if given(bound, "out"):
        raise GiveUp
    return bound


def _axes(shape: Shape) -> tuple[Axis, ...]:
    if shape.axes is None:
        raise GiveUp
    return shape.axes


def _pick(*axes: Axis) -> Axis:
    """One of lengths that numpy requires to be equal: a known one if there is one."""
    for axis in axes:
        if isinstance(axis, Known):
            return axis
    for axis in axes:
        if isinstance(axis, Sym):
            return axis
    return axes[0]


def _collapsed(letter: str, lengths: list[Axis], index: int, shape: Shape) -> Axis:
    """The length of a subscript repeated in one operand (`'ii'`), as numpy's einsum finds it.

    Where the first length may be 0 and the others are not certainly equal to
    it, numpy's answer depends on its code path (`'aab->ab'` on (0, 1, 1) is
    (1, 1), `'aa'` on (0, 1) raises): no answer is certain.
    """
    if not all(same_length(length, lengths[0]) is True for length in lengths):
        if same_length(lengths[0], Known(0)) is not False:
            raise GiveUp
        if any(same_length(length, lengths[0]) is False for length in lengths):
            raise _einsum_error(
                f"axes of operand {index} for repeated subscript '{letter}' differ "
                f"({', '.join(map(str, lengths))}) in shape {format_shape(shape)}"
            )
    return _pick(*lengths)


def _not_aligned(kind: str, left: Shape, right: Shape, i: int, j: int, what: str = "not aligned") -> None:
    """Raise if axis `i` of `left` and axis `j` of `right` certainly differ."""
    x, y = left.axes[i], right.axes[j]  # type: ignore[index]
    if same_length(x, y) is False or declared_apart(x, y):
        raise ShapeError(
            kind,
            f"shapes {format_shape(left)} and {format_shape(right)} {what}: "
            f"{x} (dim {i % len(left.axes)}) != {y} (dim {j % len(right.axes)})",  # type: ignore[arg-type]
            left=left,
            right=right,
        )


def _dtype(bound: dict[str, Value], *arrays: Array) -> str | None:
    return None if given(bound, "dtype") else float_dtype(*arrays)


# -- dot, matmul, vdot, inner, outer --


def dot_shape(left: Shape, right: Shape) -> Shape:
    """numpy.dot: a 0-d operand multiplies; else the last axis of `left` meets the
    last axis of a 1-d `right` or the second-to-last of an N-d one."""
    if left.axes == ():
        return right
    if right.axes == ():
        return left
    if left.axes is None or right.axes is None:
        return UNKNOWN_SHAPE
    j = 0 if len(right.axes) == 1 else len(right.axes) - 2
    _not_aligned("matmul", left, right, len(left.axes) - 1, j)
    if len(right.axes) == 1:
        return Shape(left.axes[:-1])
    return Shape(left.axes[:-1] + right.axes[:-2] + right.axes[-1:])


@shape_rule("numpy.dot", "numpy.ndarray.dot")
def _dot(call: CallArgs) -> Value:
    bound = _bind(call, "a, b, out=None")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    return Array(dot_shape(a.shape, b.shape), float_dtype(a, b))


def matmul_shape(left: Shape, right: Shape) -> Shape:
    """numpy.matmul: 1-d operands are promoted to matrices and the added axis removed;
    batch axes broadcast; 0-d operands are an error."""
    for index, shape in enumerate((left, right)):
        if shape.axes == ():
            raise ShapeError(
                "matmul",
                f"matmul: operand {index} is 0-d, it needs at least 1 dimension "
                f"(shapes {format_shape(left)} and {format_shape(right)})",
                left=left,
                right=right,
            )
    if left.axes is None or right.axes is None:
        return UNKNOWN_SHAPE
    a = left.axes if len(left.axes) >= 2 else (ONE,) + left.axes
    b = right.axes if len(right.axes) >= 2 else right.axes + (ONE,)
    _not_aligned("matmul", left, right, len(left.axes) - 1, 0 if len(right.axes) == 1 else len(right.axes) - 2)
    batch = broadcast([Shape(a[:-2]), Shape(b[:-2])])
    if batch.error is not None or batch.shape.axes is None:
        raise ShapeError(
            "matmul",
            f"matmul: the batch axes of {format_shape(left)} and {format_shape(right)} do not broadcast "
            f"({format_shape(Shape(a[:-2]))} against {format_shape(Shape(b[:-2]))})",
            left=left,
            right=right,
        )
    core = ((a[-2],) if len(left.axes) >= 2 else ()) + ((b[-1],) if len(right.axes) >= 2 else ())
    return Shape(batch.shape.axes + core)


@shape_rule("numpy.matmul")
def _matmul(call: CallArgs) -> Value:
    """Also the rule of the `@` operator."""
    bound = _bind(call, "x1, x2, out=None, *, casting='same_kind', order='K', dtype=None, subok=True")
    a, b = sure_array(bound.get("x1")), sure_array(bound.get("x2"))
    return Array(matmul_shape(a.shape, b.shape), _dtype(bound, a, b))


@shape_rule("numpy.vdot")
def _vdot(call: CallArgs) -> Value:
    """Both operands are flattened and must have the same size."""
    bound = _bind(call, "a, b")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    na, nb = size(a.shape), size(b.shape)
    if same_length(na, nb) is False:
        raise ShapeError(
            "matmul",
            f"vdot: shapes {format_shape(a.shape)} and {format_shape(b.shape)} have different sizes ({na} != {nb})",
            left=a.shape,
            right=b.shape,
        )
    return Array(SCALAR, float_dtype(a, b))


@shape_rule("numpy.inner")
def _inner(call: CallArgs) -> Value:
    """Contracts the last axes of both; a 0-d operand multiplies."""
    bound = _bind(call, "a, b")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    dtype = float_dtype(a, b)
    if a.shape.axes == ():
        return Array(b.shape, dtype)
    if b.shape.axes == ():
        return Array(a.shape, dtype)
    left, right = _axes(a.shape), _axes(b.shape)
    _not_aligned("matmul", a.shape, b.shape, len(left) - 1, len(right) - 1)
    return Array(Shape(left[:-1] + right[:-1]), dtype)


@shape_rule("numpy.outer")
def _outer(call: CallArgs) -> Value:
    """Both operands are flattened: `(a.size, b.size)`."""
    bound = _bind(call, "a, b, out=None")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    return Array(Shape((size(a.shape), size(b.shape))), float_dtype(a, b))


# -- tensordot, kron, cross --


def _index_list(value: Value) -> list[int]:
    """One side of tensordot's `axes`: an int or a sequence of ints."""
    if isinstance(value, (Tup, Lst)):
        if value.items is None:
            raise GiveUp
        items = list(value.items)
    else:
        items = [value]
    out = []
    for item in items:
        k = known_int(item) if isinstance(item, Int) else None
        if k is None:
            raise GiveUp
        out.append(k)
    return out


def _normalize_each(indices: list[int], ndim: int, shape: Shape) -> list[int]:
    out = []
    for k in indices:
        if not -ndim <= k < ndim:
            raise ShapeError("axis", f"tensordot: axis {k} is out of bounds for shape {format_shape(shape)}")
        out.append(k % ndim)
    if len(set(out)) != len(out):
        raise ShapeError("axis", "tensordot: repeated axis")
    return out


@shape_rule("numpy.tensordot")
def _tensordot(call: CallArgs) -> Value:
    """Sums over `axes` (default 2: the last two of `a` with the first two of `b`);
    the result is `a`'s other axes followed by `b`'s."""
    bound = _bind(call, "a, b, axes=2")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    axes = bound.get("axes", Int(Known(2)))
    if isinstance(axes, Int):
        n = known_int(axes)
        if n is None or n < 0:
            raise GiveUp
        raw_a, raw_b = list(range(-n, 0)), list(range(n))
    elif isinstance(axes, (Tup, Lst)) and axes.items is not None and len(axes.items) == 2:
        raw_a, raw_b = _index_list(axes.items[0]), _index_list(axes.items[1])
    else:
        raise GiveUp
    if len(set(raw_a)) != len(raw_a) or len(set(raw_b)) != len(raw_b):
        raise ShapeError("axis", "duplicate axes are not allowed in tensordot")
    left, right = _axes(a.shape), _axes(b.shape)
    if len(raw_a) != len(raw_b):
        raise ShapeError("tensordot", f"tensordot: {len(raw_a)} axes of a against {len(raw_b)} axes of b")
    axes_a = _normalize_each(raw_a, len(left), a.shape)
    axes_b = _normalize_each(raw_b, len(right), b.shape)
    for i, j in zip(axes_a, axes_b):
        _not_aligned("matmul", a.shape, b.shape, i, j, "do not match for the tensordot sum")
    rest = tuple(x for k, x in enumerate(left) if k not in axes_a) + tuple(
        x for k, x in enumerate(right) if k not in axes_b
    )
    return Array(Shape(rest), float_dtype(a, b))


@shape_rule("numpy.kron")
def _kron(call: CallArgs) -> Value:
    """The shapes, padded with leading 1s to the same rank, multiplied axis by axis."""
    bound = _bind(call, "a, b")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    left, right = _axes(a.shape), _axes(b.shape)
    rank = max(len(left), len(right))
    left = (ONE,) * (rank - len(left)) + left
    right = (ONE,) * (rank - len(right)) + right
    out = tuple(Known(0) if Known(0) in (x, y) else arith("*", x, y) for x, y in zip(left, right))
    return Array(Shape(out), float_dtype(a, b))


def _const_axis(value: Value | None, default: int) -> int:
    if value is None:
        return default
    k = known_int(value) if isinstance(value, Int) else None
    if k is None:
        raise GiveUp
    return k


@shape_rule("numpy.cross")
def _cross(call: CallArgs) -> Value:
    """Vectors of length 2 or 3 along `axisa` / `axisb`; the other axes broadcast;
    a 3-vector result goes at `axisc`, two 2-vectors give their broadcast shape."""
    bound = _bind(call, "a, b, axisa=-1, axisb=-1, axisc=-1, axis=None")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    if given(bound, "axis"):
        axisa = axisb = axisc = _const_axis(bound.get("axis"), -1)
    else:
        axisa, axisb, axisc = (_const_axis(bound.get(k), -1) for k in ("axisa", "axisb", "axisc"))
    left, right = _axes(a.shape), _axes(b.shape)
    if not left or not right:
        raise ShapeError("cross", "cross: at least one array has zero dimension")
    if a.dtype == "b" and b.dtype == "b":
        raise GiveUp  # numpy refuses to subtract booleans
    ia = normalize_axis(Int(Known(axisa)), len(left))
    ib = normalize_axis(Int(Known(axisb)), len(right))
    assert isinstance(ia, tuple) and isinstance(ib, tuple)
    la, lb = left[ia[0]], right[ib[0]]
    for n in (la, lb):
        if not isinstance(n, Known):
            raise GiveUp
        if n.value not in (2, 3):
            raise ShapeError("cross", f"incompatible dimensions for cross product (dimension must be 2 or 3), got {n}")
    rest_a = Shape(left[: ia[0]] + left[ia[0] + 1 :])
    rest_b = Shape(right[: ib[0]] + right[ib[0] + 1 :])
    batch = broadcast([rest_a, rest_b])
    if batch.error is not None or batch.shape.axes is None:
        raise ShapeError("cross", f"cross: shapes {format_shape(a.shape)} and {format_shape(b.shape)} do not broadcast")
    out = batch.shape.axes
    if Known(3) in (la, lb):
        ic = normalize_axis(Int(Known(axisc)), len(out) + 1)
        assert isinstance(ic, tuple)
        out = out[: ic[0]] + (Known(3),) + out[ic[0] :]
    return Array(Shape(out), float_dtype(a, b))


# -- numpy.linalg --


def _stack(shape: Shape, name: str) -> tuple[Axis, ...]:
    """The axes of a stack of matrices (rank >= 2)."""
    axes = _axes(shape)
    if len(axes) < 2:
        raise ShapeError(
            "linalg", f"{name}: {len(axes)}-dimensional array given. Array must be at least two-dimensional"
        )
    return axes


def _square(shape: Shape, name: str) -> tuple[Axis, ...]:
    """The axes of a stack of square matrices."""
    axes = _stack(shape, name)
    if same_length(axes[-2], axes[-1]) is False:
        raise ShapeError(
            "linalg", f"{name}: last 2 dimensions of the array must be square, got {format_shape(shape)}"
        )
    return axes


def _min(m: Axis, n: Axis) -> Axis:
    if isinstance(m, Known) and isinstance(n, Known):
        return Known(min(m.value, n.value))
    if same_length(m, n):
        return m
    if Known(0) in (m, n):
        return Known(0)
    return Unknown("min of lengths")


@shape_rule("numpy.linalg.inv", "numpy.linalg.cholesky")
def _inv(call: CallArgs) -> Value:
    """Same shape, of square matrices."""
    name = call.qualname.rpartition(".")[2]
    a = sure_array(_bind(call, "a, *, upper=False" if name == "cholesky" else "a").get("a"))
    return Array(Shape(_square(a.shape, name)), "f")


@shape_rule("numpy.linalg.pinv")
def _pinv(call: CallArgs) -> Value:
    """(..., m, n) -> (..., n, m)."""
    bound = _bind(call, "a, rcond=None, hermitian=False, *, rtol=None")
    a = sure_array(bound.get("a"))
    if given(bound, "rcond") and "rtol" in bound:
        raise GiveUp  # numpy refuses both
    axes = _stack(a.shape, "pinv")
    # A hermitian pinv goes through eigh, which needs square matrices, unless
    # the matrices are empty (numpy answers those without decomposing).
    if flag(bound.get("hermitian"), False) and Known(0) not in axes[-2:]:
        _square(a.shape, "pinv")
    return Array(Shape(axes[:-2] + (axes[-1], axes[-2])), "f")


@shape_rule("numpy.linalg.det")
def _det(call: CallArgs) -> Value:
    a = sure_array(_bind(call, "a").get("a"))
    return Array(Shape(_square(a.shape, "det")[:-2]), "f")


@shape_rule("numpy.linalg.solve")
def _solve(call: CallArgs) -> Value:
    """numpy >= 2: `b` is a vector only when `b.ndim == 1`; otherwise (..., m, k)."""
    bound = _bind(call, "a, b")
    a, b = sure_array(bound.get("a")), sure_array(bound.get("b"))
    left = _square(a.shape, "solve")
    right = _axes(b.shape)
    if not right:
        raise ShapeError("linalg", "solve: b must have at least 1 dimension", left=a.shape, right=b.shape)
    j = 0 if len(right) == 1 else len(right) - 2
    _not_aligned("linalg", a.shape, b.shape, len(left) - 1, j, "do not fit solve")
    m = _pick(left[-2], left[-1], right[j])
    if len(right) == 1:
        return Array(Shape(left[:-2] + (m,)), "f")
    batch = broadcast([Shape(left[:-2]), Shape(right[:-2])])
    if batch.error is not None or batch.shape.axes is None:
        raise ShapeError(
            "linalg",
            f"solve: the batch axes of {format_shape(a.shape)} and {format_shape(b.shape)} do not broadcast",
            left=a.shape,
            right=b.shape,
        )
    return Array(Shape(batch.shape.axes + (m, right[-1])), "f")


@shape_rule("numpy.linalg.eig", "numpy.linalg.eigh")
def _eig(call: CallArgs) -> Value:
    """(eigenvalues (..., n), eigenvectors (..., n, n))."""
    a = sure_array(_bind(call, "a, UPLO='L'" if call.qualname.endswith("eigh") else "a").get("a"))
    axes = _square(a.shape, "eig")
    n = _pick(axes[-2], axes[-1])
    return Tup((Array(Shape(axes[:-2] + (n,)), "f"), Array(Shape(axes[:-2] + (n, n)), "f")))


@shape_rule("numpy.linalg.svd")
def _svd(call: CallArgs) -> Value:
    """(U, S, Vh) of (..., m, m), (..., k), (..., n, n), or reduced (..., m, k), (..., k), (..., k, n)."""
    bound = _bind(call, "a, full_matrices=True, compute_uv=True, hermitian=False")
    a = sure_array(bound.get("a"))
    full = flag(bound.get("full_matrices"), True)
    compute_uv = flag(bound.get("compute_uv"), True)
    hermitian = flag(bound.get("hermitian"), False)
    axes = _square(a.shape, "svd") if hermitian else _stack(a.shape, "svd")
    batch, m, n = axes[:-2], axes[-2], axes[-1]
    k = _min(m, n)
    s = Array(Shape(batch + (k,)), "f")
    if not compute_uv:
        return s
    if full:
        return Tup((Array(Shape(batch + (m, m)), "f"), s, Array(Shape(batch + (n, n)), "f")))
    return Tup((Array(Shape(batch + (m, k)), "f"), s, Array(Shape(batch + (k, n)), "f")))


@shape_rule("numpy.linalg.qr")
def _qr(call: CallArgs) -> Value:
    """mode 'reduced' (Q (..., m, k), R (..., k, n)), 'complete', 'r' or 'raw'."""
    bound = _bind(call, "a, mode='reduced'")
    a = sure_array(bound.get("a"))
    mode = bound.get("mode", Const("reduced"))
    if not isinstance(mode, Const) or mode.value not in ("reduced", "complete", "r", "raw"):
        raise GiveUp
    axes = _stack(a.shape, "qr")
    batch, m, n = axes[:-2], axes[-2], axes[-1]
    k = _min(m, n)

    def arr(*core: Axis) -> Array:
        return Array(Shape(batch + core), "f")

    if mode.value == "reduced":
        return Tup((arr(m, k), arr(k, n)))
    if mode.value == "complete":
        return Tup((arr(m, m), arr(m, n)))
    if mode.value == "r":
        return arr(k, n)
    return Tup((arr(n, m), arr(k)))


@shape_rule("numpy.linalg.matrix_power")
def _matrix_power(call: CallArgs) -> Value:
    """Same shape; a negative power inverts, so the result is float."""
    bound = _bind(call, "a, n")
    a = sure_array(bound.get("a"))
    n = bound.get("n")
    if not isinstance(n, Int):
        raise GiveUp
    axes = _square(a.shape, "matrix_power")
    power = known_int(n)
    dtype = None if power is None else ("f" if power < 0 else a.dtype)
    return Array(Shape(axes), dtype)


@shape_rule("numpy.trace")
def _trace(call: CallArgs) -> Value:
    """Sums the diagonal of axes `axis1`, `axis2`, which are removed."""
    bound = _bind(call, "a, offset=0, axis1=0, axis2=1, dtype=None, out=None")
    a = sure_array(bound.get("a"))
    if "offset" in bound and not isinstance(bound["offset"], Int):
        raise GiveUp
    axes = _axes(a.shape)
    if len(axes) < 2:
        raise ShapeError("trace", f"trace: diag requires an array of at least two dimensions, got {format_shape(a.shape)}")
    i = normalize_axis(Int(Known(_const_axis(bound.get("axis1"), 0))), len(axes))
    j = normalize_axis(Int(Known(_const_axis(bound.get("axis2"), 1))), len(axes))
    assert isinstance(i, tuple) and isinstance(j, tuple)
    if i == j:
        raise ShapeError("axis", "trace: axis1 and axis2 cannot be the same")
    rest = tuple(x for k, x in enumerate(axes) if k not in (i[0], j[0]))
    dtype = None if given(bound, "dtype") else summed_dtype(a.dtype)
    return Array(Shape(rest), dtype)


# -- einsum --

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _parse_term(term: str) -> tuple[str, bool, str]:
    """A subscripts term as (letters before '...', has '...', letters after)."""
    if term.count("...") > 1:
        raise GiveUp
    before, dots, after = term.partition("...")
    if not all(c in _LETTERS for c in before + after):
        raise GiveUp
    return before, bool(dots), after


def _einsum_error(message: str) -> ShapeError:
    return ShapeError("einsum", f"einsum: {message}")


@shape_rule("numpy.einsum")
def _einsum(call: CallArgs) -> Value:
    """A literal subscripts string, explicit (`'ij,jk->ik'`) or implicit (the letters
    that appear once, in alphabetical order); `...` broadcasts as numpy does.

    A letter's lengths must agree across operands up to broadcasting a length of 1,
    and exactly within one operand (a diagonal).
    """
    bound = _bind(call, "subscripts, *operands, out=None, dtype=None, order='K', casting='safe', optimize=False")
    subscripts = bound.get("subscripts")
    operands_value = bound.get("operands")
    if not isinstance(subscripts, Const) or not isinstance(subscripts.value, str):
        raise GiveUp
    if not isinstance(operands_value, Tup) or not operands_value.items:
        raise GiveUp
    operands = [sure_array(v) for v in operands_value.items]
    text = subscripts.value.replace(" ", "")
    if text.count("->") > 1:
        raise GiveUp
    inputs, arrow, output = text.partition("->")
    terms = [_parse_term(t) for t in inputs.split(",")]
    if len(terms) != len(operands):
        raise GiveUp

    per_letter: dict[str, list[Axis]] = {}
    ellipses: list[Shape] = []
    counts: dict[str, int] = {}
    for index, ((before, has_dots, after), operand) in enumerate(zip(terms, operands)):
        axes = _axes(operand.shape)
        named = len(before) + len(after)
        if len(axes) < named or (not has_dots and len(axes) != named):
            raise _einsum_error(
                f"operand {index} has shape {format_shape(operand.shape)} but its subscripts "
                f"'{before}{'...' if has_dots else ''}{after}' name {named} axes"
            )
        if has_dots:
            ellipses.append(Shape(axes[len(before) : len(axes) - len(after)]))
        own: dict[str, list[Axis]] = {}
        lettered = list(zip(before, axes[: len(before)])) + list(zip(after, axes[len(axes) - len(after) :]))
        for letter, axis in lettered:
            own.setdefault(letter, []).append(axis)
            counts[letter] = counts.get(letter, 0) + 1
        for letter, lengths in own.items():
            per_letter.setdefault(letter, []).append(_collapsed(letter, lengths, index, operand.shape))

    length: dict[str, Axis] = {}
    for letter, lengths in per_letter.items():
        result = broadcast([Shape((x,)) for x in lengths])
        if result.error is not None or result.shape.axes is None:
            raise _einsum_error(f"lengths of subscript '{letter}' differ: {', '.join(map(str, lengths))}")
        length[letter] = result.shape.axes[0]
    dots = broadcast(ellipses)
    if dots.error is not None:
        raise _einsum_error("the axes under '...' do not broadcast: " + " ".join(map(format_shape, ellipses)))
    if dots.shape.axes is None:
        raise GiveUp
    dot_axes = dots.shape.axes

    if arrow:
        before, has_dots, after = _parse_term(output)
        letters = before + after
        if len(set(letters)) != len(letters) or not set(letters) <= set(length):
            raise GiveUp
        # Without '...' in the output, numpy sums the '...' axes only when
        # optimizing and raises otherwise.
        if not has_dots and dot_axes:
            raise GiveUp
        out = tuple(length[c] for c in before) + (dot_axes if has_dots else ()) + tuple(length[c] for c in after)
    else:
        singles = sorted(c for c, n in counts.items() if n == 1)
        out = dot_axes + tuple(length[c] for c in singles)
    return Array(Shape(out), _dtype(bound, *operands))


__all__ = ["dot_shape", "matmul_shape"]
