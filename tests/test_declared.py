"""Declared shapes: the parsers, and SL011 on planted bugs and correct bodies.

The planted bugs are small functions documented the way numpydoc,
scikit-learn, numpy-ml, jaxtyping and numpy typing users write them; each
`bad` body contradicts its declaration at the line marked `# SL011`, each
`good` body is correct for every shape the declaration allows.
"""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from shapelint.api import lint_source
from shapelint.declared import (
    AnyAxes,
    AnyLength,
    Broadcastable,
    Computed,
    Fixed,
    Named,
    declarations_of,
    parse_annotation,
    parse_jaxtyping,
    parse_type,
)
from shapelint.declared._numpydoc import parse_scalar


@pytest.mark.parametrize(
    "text,shapes,ndarray",
    [
        ("ndarray of shape (n_samples, n_features)", [(Named("n_samples"), Named("n_features"))], True),
        ("array-like of shape (n_samples,) or (n_samples, n_outputs)", [(Named("n_samples"),), (Named("n_samples"), Named("n_outputs"))], False),
        ("{array-like, sparse matrix} of shape (n_samples, n_features)", [(Named("n_samples"), Named("n_features"))], False),
        ("(M, N) ndarray", [(Named("M"), Named("N"))], True),
        ("([P,] M, N) ndarray, same dtype as `image`", [(Named("M"), Named("N")), (Named("P"), Named("M"), Named("N"))], True),
        ("2-D array", [(AnyLength(), AnyLength())], True),
        ("2-D array (integer or float)", [(AnyLength(), AnyLength())], True),
        ("(M, N) or (L, M, N) array", [(Named("M"), Named("N")), (Named("L"), Named("M"), Named("N"))], True),
        ("numpy array of shape `(N, M)`", [(Named("N"), Named("M"))], True),
        ("ndarray (uint8, uint16), optional", [], True),
        (":py:class:`ndarray <numpy.ndarray>` of shape `(N, 3)`", [(Named("N"), Fixed(3))], True),
        ("shape (n,)", [(Named("n"),)], False),
        ("ndarray", [], True),
    ],
)
def test_numpydoc_types(text, shapes, ndarray):
    declared = parse_type(text)
    assert declared is not None and list(declared.shapes) == shapes and declared.ndarray is ndarray


@pytest.mark.parametrize(
    "text",
    ["int", "ndarray or tuple", "int, float, or :py:class:`ndarray <numpy.ndarray>`", "list of arrays",
     ":py:class:`ndarray <numpy.ndarray>` of shape `(n, m)` or list of arrays", "ndarray of shape weight_shape"],
)
def test_types_that_are_not_only_arrays_declare_nothing(text):
    assert parse_type(text) is None


@pytest.mark.parametrize(
    "text,number",
    [
        ("int", "int"),
        ("int, optional", "int"),
        ("positive int", "int"),
        ("float", "float"),
        ("float, optional", "float"),
        ("int or float", "float"),
        ("scalar", "float"),
        ("float (default 0.5)", "float"),
        ("int or None", None),
        ("int, float, or tuple", None),
        ("int or tuple of int", None),
        ("bool", None),
        ("ndarray", None),
    ],
)
def test_python_numbers(text, number):
    assert parse_scalar(text) == number


def test_declared_numbers_from_docstrings_annotations_and_defaults():
    node = cst.parse_module(
        'def f(n, s, m=None, k=2, a: int = 0, b: float = None, c: "int" = 1):\n'
        '    """Doc.\n\n    Parameters\n    ----------\n    n : int\n    s : float\n    m : int\n    k : int\n    """\n'
    ).body[0]
    assert declarations_of(node).scalars == {"n": "int", "s": "float", "k": "int", "a": "int"}


def test_optional_and_sparse_are_kept_apart():
    assert parse_type("ndarray of shape (n,), default=None").optional
    assert parse_type("ndarray of shape (n,) or None").optional
    assert parse_type("{array-like, sparse matrix} of shape (n, d)").sparse


def test_jaxtyping_grammar():
    assert parse_jaxtyping("batch 1") == (Named("batch"), Fixed(1))
    assert parse_jaxtyping("*batch n+1 #c _ ...") is None  # two variadic axes
    assert parse_jaxtyping("*batch n+1 #c _") == (AnyAxes(), Computed("n+1"), Broadcastable("c"), AnyLength())


@pytest.mark.parametrize(
    "annotation,shapes,ndarray",
    [
        ('Float[np.ndarray, "batch 1"]', [(Named("batch"), Fixed(1))], True),
        ('jaxtyping.Int[np.ndarray, "n"] | None', [(Named("n"),)], False),
        ("np.ndarray[tuple[int, int], np.dtype[np.float64]]", [(AnyLength(), AnyLength())], True),
        ("np.ndarray[tuple[Literal[3], Literal[4]], Any]", [(Fixed(3), Fixed(4))], True),
        ("np.ndarray[tuple[int, ...], Any]", [(AnyAxes(),)], True),
        ("npt.NDArray[np.float64]", [], True),
        ("'np.ndarray[tuple[int], Any]'", [(AnyLength(),)], True),
    ],
)
def test_annotations(annotation, shapes, ndarray):
    declared = parse_annotation(cst.parse_expression(annotation))
    assert declared is not None and list(declared.shapes) == shapes and declared.ndarray is ndarray


def test_annotations_win_over_the_docstring_and_none_defaults_are_optional():
    node = cst.parse_module(
        'def f(x: Float[np.ndarray, "a"], y=None):\n    """\n    Parameters\n    ----------\n'
        "    x : ndarray of shape (n, m)\n    y : ndarray of shape (n,)\n    \"\"\"\n"
    ).body[0]
    declared = declarations_of(node)
    assert declared.params["x"].shapes == ((Named("a"),),)
    assert declared.params["y"].optional


HEADER = "import numpy as np\nimport numpy.typing as npt\nfrom typing import Literal\nfrom jaxtyping import Float\n\n"

# (body, correct) pairs: the bad body has `# SL011` on the line SL011 must flag.
CASES = [
    (  # numpydoc Returns contradicted by a reduction that drops the axis
        '''
        def standardize(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)

            Returns
            -------
            X_new : ndarray of shape (n_samples, n_features)
            """
            return X.mean(axis=0)  # SL011
        ''',
        '''
        def standardize(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)

            Returns
            -------
            X_new : ndarray of shape (n_samples, n_features)
            """
            return (X - X.mean(axis=0)) / X.std(axis=0)
        ''',
    ),
    (  # two parameters sharing n_samples, called with 3 and 4 rows
        '''
        def fit(X, y):
            """
            Parameters
            ----------
            X : array-like of shape (n_samples, n_features)
            y : array-like of shape (n_samples,)
            """
            return np.linalg.lstsq(np.asarray(X), np.asarray(y), rcond=None)[0]

        coef = fit(np.ones((3, 2)), np.ones(4))  # SL011
        ''',
        '''
        def fit(X, y):
            """
            Parameters
            ----------
            X : array-like of shape (n_samples, n_features)
            y : array-like of shape (n_samples,) or (n_samples, n_targets)
            """
            return np.linalg.lstsq(np.asarray(X), np.asarray(y), rcond=None)[0]

        coef = fit(np.ones((3, 2)), np.ones(3))
        coef2 = fit(np.ones((3, 2)), np.ones((3, 5)))
        ''',
    ),
    (  # numpy-ml style docstring, returns the transposed matrix
        '''
        def project(X, W):
            """
            Parameters
            ----------
            X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            W : :py:class:`ndarray <numpy.ndarray>` of shape `(M, K)`

            Returns
            -------
            Y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
            """
            return (X @ W).T  # SL011

        Y = project(np.ones((5, 3)), np.ones((3, 2)))
        ''',
        '''
        def project(X, W):
            """
            Parameters
            ----------
            X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            W : :py:class:`ndarray <numpy.ndarray>` of shape `(M, K)`

            Returns
            -------
            Y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
            """
            return X @ W

        Y = project(np.ones((5, 3)), np.ones((3, 2)))
        ''',
    ),
    (  # scikit-image style leading shape, returns a flattened image
        '''
        def invert(image):
            """
            Parameters
            ----------
            image : (M, N) ndarray

            Returns
            -------
            out : (M, N) ndarray
            """
            return (image.max() - image).ravel()  # SL011
        ''',
        '''
        def invert(image):
            """
            Parameters
            ----------
            image : (M, N) ndarray

            Returns
            -------
            out : (M, N) ndarray
            """
            return image.max() - image
        ''',
    ),
    (  # jaxtyping: a column declared, a rank-1 vector returned
        '''
        def scores(x: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d 1"]) -> Float[np.ndarray, "n 1"]:
            return (x @ w).ravel()  # SL011
        ''',
        '''
        def scores(x: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d 1"]) -> Float[np.ndarray, "n 1"]:
            return x @ w
        ''',
    ),
    (  # jaxtyping: n+1 declared, n returned (known in a call)
        '''
        def with_bias(x: Float[np.ndarray, "b n"]) -> Float[np.ndarray, "b n+1"]:
            return np.concatenate([x, x[:, :1]], axis=1)[:, 1:]  # SL011

        z = with_bias(np.ones((2, 3)))
        ''',
        '''
        def with_bias(x: Float[np.ndarray, "b n"]) -> Float[np.ndarray, "b n+1"]:
            return np.concatenate([x, np.ones((x.shape[0], 1))], axis=1)

        z = with_bias(np.ones((2, 3)))
        ''',
    ),
    (  # jaxtyping call: the batch sizes differ
        '''
        def pair(a: Float[np.ndarray, "batch 3"], b: Float[np.ndarray, "batch 3"]) -> Float[np.ndarray, "batch"]:
            return (a * b).sum(axis=1)

        s = pair(np.ones((4, 3)), np.ones((5, 3)))  # SL011
        ''',
        '''
        def pair(a: Float[np.ndarray, "batch 3"], b: Float[np.ndarray, "#batch 3"]) -> Float[np.ndarray, "batch"]:
            return (a * b).sum(axis=1)

        s = pair(np.ones((4, 3)), np.ones((1, 3)))
        ''',
    ),
    (  # numpy typing: rank 2 declared, rank 1 returned
        '''
        def gram(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
            return np.diag(a @ a.T)  # SL011
        ''',
        '''
        def gram(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
            return a @ a.T
        ''',
    ),
    (  # numpy typing with Literal sizes, called with the wrong matrix
        '''
        def rotate(m: np.ndarray[tuple[Literal[3], Literal[3]], np.dtype[np.float64]]):
            return m.T

        r = rotate(np.eye(4))  # SL011
        ''',
        '''
        def rotate(m: np.ndarray[tuple[Literal[3], Literal[3]], np.dtype[np.float64]]):
            return m.T

        r = rotate(np.eye(3))
        ''',
    ),
    (  # an assert that always fails
        '''
        W = np.random.randn(4, 3)
        assert W.shape == (3, 4)  # SL011
        ''',
        '''
        W = np.random.randn(4, 3)
        assert W.shape == (4, 3)
        ''',
    ),
    (  # an ndim assert that always fails after a reduction
        '''
        def pooled(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n, d)
            """
            m = X.mean(axis=1)
            assert m.ndim == 2  # SL011
            return m
        ''',
        '''
        def pooled(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n, d)
            """
            m = X.mean(axis=1, keepdims=True)
            assert m.ndim == 2
            return m
        ''',
    ),
    (  # alternatives: only what no alternative allows
        '''
        def targets(y):
            """
            Parameters
            ----------
            y : ndarray of shape (n_samples,) or (n_samples, n_outputs)

            Returns
            -------
            Y : ndarray of shape (n_samples, n_outputs)
            """
            return y[None, None]  # SL011

        t = targets(np.ones((3, 2)))
        ''',
        '''
        def targets(y):
            """
            Parameters
            ----------
            y : ndarray of shape (n_samples,) or (n_samples, n_outputs)

            Returns
            -------
            Y : ndarray of shape (n_samples, n_outputs)
            """
            if y.ndim == 1:
                y = y.reshape(-1, 1)
            return y

        t = targets(np.ones(3))
        t2 = targets(np.ones((3, 2)))
        ''',
    ),
    (  # npt.NDArray returned as declared, but the Returns section says a column
        '''
        def column(v: npt.NDArray[np.float64]):
            """
            Parameters
            ----------
            v : ndarray of shape (n,)

            Returns
            -------
            ndarray of shape (n, 1)
            """
            return v.reshape(1, -1)  # SL011

        c = column(np.ones(5))
        ''',
        '''
        def column(v: npt.NDArray[np.float64]):
            """
            Parameters
            ----------
            v : ndarray of shape (n,)

            Returns
            -------
            ndarray of shape (n, 1)
            """
            return v.reshape(-1, 1)

        c = column(np.ones(5))
        ''',
    ),
    (  # a call that contradicts the declaration is the finding; the body, run on it, is not
        '''
        def swap(M: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]) -> np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]:
            return M.T

        swap(np.zeros((4, 3)))  # SL011
        ''',
        '''
        def swap(M: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]) -> np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]:
            return M.T

        swap(np.zeros((3, 4)))
        ''',
    ),
    (  # numpy typing through module-level aliases
        '''
        Rows3 = np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]
        Cols3 = np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]

        def same(M: Rows3) -> Cols3:
            return M  # SL011
        ''',
        '''
        Rows3 = np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]
        Cols3 = np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]

        def flip(M: Rows3) -> Cols3:
            return M.T
        ''',
    ),
    (  # a per-feature reduction returned where one value per sample is declared
        '''
        def row_means(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)

            Returns
            -------
            means : ndarray of shape (n_samples,)
            """
            return X.mean(axis=0)  # SL011
        ''',
        '''
        def row_means(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)

            Returns
            -------
            means : ndarray of shape (n_samples,)
            """
            return X.mean(axis=1)
        ''',
    ),
    (  # the closest centre per point, taken over the wrong axis
        '''
        def assign(dist):
            """
            Parameters
            ----------
            dist : ndarray of shape (n_points, n_centres)

            Returns
            -------
            labels : ndarray of shape (n_points,)
            """
            return dist.argmin(axis=0)  # SL011
        ''',
        '''
        def assign(dist):
            """
            Parameters
            ----------
            dist : ndarray of shape (n_points, n_centres)

            Returns
            -------
            labels : ndarray of shape (n_points,)
            """
            return dist.argmin(axis=1)
        ''',
    ),
    (  # an assert about one axis against a declared length
        '''
        def rgb(img: np.ndarray[tuple[int, int, Literal[3]], np.dtype[np.uint8]]):
            assert img.shape[-1] == 4  # SL011
            return img
        ''',
        '''
        def rgb(img: np.ndarray[tuple[int, int, Literal[3]], np.dtype[np.uint8]]):
            assert img.shape[2] == 3
            return img
        ''',
    ),
]


def _sl011_rows(body: str) -> tuple[list[int], list[int], list[str]]:
    source = HEADER + textwrap.dedent(body)
    findings = lint_source(source, "declared_case.py")
    marked = [i for i, line in enumerate(source.splitlines(), 1) if line.rstrip().endswith("# SL011")]
    found = sorted({f.start.row for f in findings if f.code == "SL011"})
    errors = [f"{f.code} {f.message}" for f in findings if f.severity == "error"]
    return marked, found, errors


@pytest.mark.parametrize("index", range(len(CASES)))
def test_planted_bug_is_found_at_its_line(index):
    marked, found, _ = _sl011_rows(CASES[index][0])
    assert marked and found == marked


@pytest.mark.parametrize("index", range(len(CASES)))
def test_correct_body_raises_nothing(index):
    _, found, errors = _sl011_rows(CASES[index][1])
    assert found == [] and errors == []


def test_messages_name_the_shapes_and_bindings():
    source = HEADER + textwrap.dedent(CASES[1][0])
    message = next(f.message for f in lint_source(source, "x.py") if f.code == "SL011")
    assert message == "`fit` argument `y` is (4,), declared (n_samples,) where n_samples=3"


def _codes(body: str) -> list[tuple[int, str]]:
    return sorted((f.start.row, f.code) for f in lint_source(HEADER + textwrap.dedent(body), "x.py"))


def test_a_product_mixing_two_declared_axes_is_sl006():
    body = '''
        def scores(weights, X):
            """
            Parameters
            ----------
            weights : ndarray of shape (n_features,)
            X : ndarray of shape (n_samples, n_features)
            """
            return weights @ X
        '''
    assert _codes(body) == [(14, "SL006")]
    message = next(f.message for f in lint_source(HEADER + textwrap.dedent(body), "x.py"))
    assert "the contracted lengths n_features and n_samples differ" in message
    assert _codes(body.replace("weights @ X", "X @ weights")) == []


def test_inferred_lengths_are_never_declared_apart():
    # `n` and `m` are the function's own lengths, not declared names: they may be equal.
    body = '''
        def f(A, n, m):
            return np.ones(n) @ np.ones((m, 2))
        '''
    assert _codes(body) == []


def test_a_plural_typo_in_the_docstring_is_the_same_axis():
    body = '''
        def shift(G, mu):
            """
            Parameters
            ----------
            G : ndarray of shape (n_columns, n_columns)
            mu : ndarray of shape (n_column,)
            """
            return G @ mu
        '''
    assert _codes(body) == []


def test_a_declared_or_asserted_2d_parameter_meets_its_own_reduction():
    # Uncalled functions: for any 2-D X, `X / X.sum(axis=1)` raises or divides along the wrong axis.
    body = '''
        def declared(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)
            """
            return X / X.sum(axis=1)


        def asserted(X):
            assert X.ndim == 2
            return X / X.sum(axis=1)


        def kept(X):
            assert X.ndim == 2
            return X / X.sum(axis=1, keepdims=True)
        '''
    findings = lint_source(HEADER + textwrap.dedent(body), "x.py")
    assert sorted((f.start.row, f.start.column, f.code) for f in findings) == [(13, 12, "SL007"), (18, 12, "SL007")]
    assert "aligns (n_samples,) with the last axis of (n_samples, n_features)" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.edits[0].content == "X.sum(axis=1, keepdims=True)"
