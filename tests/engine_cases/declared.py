import numpy as np
from jaxtyping import Float
import numpy.typing as npt
from typing import Literal
def center(X, y, w=None):
    """Center the columns.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    w : ndarray of shape (n_samples,), default=None

    Returns
    -------
    Xc : ndarray of shape (n_samples, n_features)
    """
    Xc = X - X.mean(axis=0)  # shape: (n_samples, n_features)
    col = X.sum(axis=0, keepdims=True)  # shape: (1, n_features)
    Y = np.asarray(y)  # shape: ?
    if Y.ndim == 1:
        Y = Y.reshape(-1, 1)  # shape: (n_samples, 1)
    Y2 = Y  # shape: (n_samples, ?)
    W = w  # shape: ?
    return Xc
def image_stats(image, mask):
    """
    Parameters
    ----------
    image : (M, N) ndarray
        The image.
    mask : 2-D array
        The mask.
    """
    rows = image.sum(axis=1)  # shape: (M,)
    m = mask  # shape: (mask.shape[0], mask.shape[1])
    total = np.sum(image)  # shape: ()
    return rows
def numpyml(X):
    """
    Parameters
    ----------
    X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
    """
    Z = X @ X.T  # shape: (N, N)
    return Z
def jax(x: Float[np.ndarray, "batch 3"], y: Float[np.ndarray, "*batch n"]) -> Float[np.ndarray, "batch"]:
    s = x.sum(axis=1)  # shape: (batch,)
    t = y  # shape: ?
    return s
def typed(a: np.ndarray[tuple[int, int], np.dtype[np.float64]], b: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]], c: npt.NDArray[np.float64]):
    p = a  # shape: (a.shape[0], a.shape[1])
    q = b  # shape: (3, 4)
    r = np.max(c)  # shape: ()
    return p
def narrowed(x):
    assert x.ndim == 2
    a = x  # shape: (x.shape[0], x.shape[1])
    assert x.shape == (a.shape[0], 3)
    b = x  # shape: (x.shape[0], 3)
    return b
def at_least(v):
    """
    Parameters
    ----------
    v : array-like of shape (n,) or (n, k)
    """
    V = np.atleast_2d(v)  # shape: (?, ?)
    return V
def gram(X):
    """
    Parameters
    ----------
    X : ndarray of shape (n, d)
    """
    G = X @ X.T  # shape: (4, 4)
    return G
G1 = gram(np.ones((4, 2)))  # shape: (4, 4)
def documented_only(X):
    """
    Parameters
    ----------
    X : ndarray of shape (n, d)

    Returns
    -------
    ndarray of shape (d,)
    """
    return helper_we_cannot_see(X)
d = documented_only(np.ones((6, 2)))  # shape: (2,)
