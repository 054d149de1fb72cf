"""What real library code gives the engine: shapes from unpacking, conversions, declared numbers, callers."""

import numpy as np


def unpacked(X):
    n_samples, n_features = X.shape  # shape: ?
    means = X.mean(axis=0)  # shape: (X.shape[1],)
    centered = X - means  # shape: (X.shape[0], X.shape[1])
    return centered


def unpacked_star(X):
    n, *rest = X.shape  # shape: ?
    means = X.mean(axis=0)  # shape: ?
    return means


def unpacked_local(table_like):
    rows = table_like.copy()  # shape: ?
    n, m = rows.shape  # shape: ?
    totals = rows.sum()  # shape: ?
    return totals


def converted(x, n):
    z = np.asarray(x)  # shape: ?
    total = z.sum()  # shape: ()
    flat = z.ravel()  # shape: (?,)
    column = z.reshape(-1, 1)  # shape: (?, 1)
    counts = np.bincount(flat)  # shape: (?,)
    steps = np.arange(n)  # shape: (?,)
    eps = np.finfo(float).eps  # shape: ()
    return total, column, counts, steps, eps


def reshaped(x, y):
    column = x.reshape(-1, 1)  # shape: (?, 1)
    flat = x.reshape(-1)  # shape: ?
    rows = np.reshape(y, (-1, 3))  # shape: (?, 3)
    return column, flat, rows


def ufunc_of_unknown(table):
    # A ufunc hands a pandas table back as a table, whose `sum()` is a column of sums.
    e = np.exp(table)  # shape: ?
    total = e.sum()  # shape: ?
    return total


def declared_numbers(n, sigma, k=3, m=None):
    """Numbers declared in the docstring.

    Parameters
    ----------
    n : int
        How many.
    sigma : float, optional
        Width.
    k : int, optional
        Other.
    m : int, optional
        Perhaps none.
    """
    a = np.zeros(n)  # shape: (n,)
    b = np.ones((k, 2)) * sigma  # shape: (k, 2)
    c = np.zeros(m)  # shape: ?
    return a, b, c


def annotated_numbers(n: int, scale: float = 1.0, other: int = None):
    a = np.ones((n, 2)) * scale  # shape: (n, 2)
    b = np.zeros(other)  # shape: ?
    return a, b


class Documented:
    """Parameters of the class, documented on the class.

    Parameters
    ----------
    n_scales : int
        Scales per octave.
    """

    def __init__(self, n_scales=3):
        self.n_scales = n_scales

    def sigmas(self):
        ratios = np.power(2, np.arange(self.n_scales + 3) / self.n_scales)  # shape: (n_scales + 3,)
        return ratios


def _helper(X):
    doubled = X * 2  # shape: (3, 4)
    return doubled


def caller():
    A = np.ones((3, 4))
    return _helper(A)


def draws(p):
    one_hot = np.random.multinomial(1, [0.2, 0.3, 0.5])  # shape: (3,)
    picked = np.random.multinomial(1, p).argmax()  # shape: ()
    return one_hot, picked


def bad_reshape(x):
    never = x.reshape(-1, -1)  # shape: ?
    return never


class Container:
    """An array-like class of the project's own, with `ndim` and indexing of its own."""

    def __init__(self, data):
        self.array = np.asarray(data)
        self.ndim = self.array.ndim

    def __getitem__(self, index):
        return self.array[index]

    def scalar(self):
        if self.ndim == 0:
            first = self[0]  # shape: ?
            return first
        n, m = self.shape  # shape: ?
        return n


def namespace_reshape(xp, out, n):
    # An array namespace (`xp = array_namespace(x)`): its `reshape` takes the array first.
    flat = xp.reshape(out, (n,))  # shape: ?
    rows = xp.reshape(out, (-1, 3))  # shape: ?
    return flat, rows


def sliced_reshape(theta, k, m):
    weights = theta[:6].reshape(k, m)  # shape: (k, m)
    return weights
