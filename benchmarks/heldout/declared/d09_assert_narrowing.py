"""Shapes narrowed by asserts, ndim checks and np.atleast_2d."""
import numpy as np


def project(X, n):
    assert X.shape == (n, 3)
    w = np.ones(4)  # label: SL001
    # numpy: (n, 3) @ (4,): matmul mismatch (size 4 is different from 3).
    return X @ w  # label: SL006


def unit_sum_rows_bug(X):
    assert X.ndim == 2
    # numpy: raises for (5, 3); divides by the wrong totals for (3, 3).
    return X / X.sum(axis=1)  # label: SL007


def unit_sum_rows(X):
    assert X.ndim == 2
    return X / X.sum(axis=1, keepdims=True)


def column_gram(x):
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    return x.T @ x


def gram_rows(x):
    x = np.atleast_2d(x)
    return x @ x.T


def check_weights(w):
    assert w.shape == (3,)
    # numpy: w.T.shape == (3,): the transpose of a 1-D array does nothing.
    return w.T  # label: SL002


def fixed_table():
    A = np.zeros((3, 4))
    # numpy: AssertionError: A is (3, 4).
    assert A.shape == (4, 3)  # label: SL011
    return A


def three_features_bug(X):
    """Check the feature count.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 3)
    """
    # numpy: AssertionError for any X of the declared shape.
    assert X.shape[1] == 4  # label: SL011
    return X
