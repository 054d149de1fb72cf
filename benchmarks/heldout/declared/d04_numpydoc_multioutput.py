"""Targets that may be one column or several: `(n_samples,) or (n_samples, n_outputs)`."""
import numpy as np


def as_2d_targets(y):
    """Return the targets as a 2-D array.

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)

    Returns
    -------
    y_2d : ndarray of shape (n_samples, n_outputs)
    """
    y = np.asarray(y)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    return y


def residual_sum_of_squares(y_true, y_pred):
    """Per-output residual sum of squares.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_outputs)
    y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)

    Returns
    -------
    rss : float or ndarray
    """
    # numpy: with y_true (5,) and y_pred (5, 1) the difference is a (5, 5) table.
    return ((y_true - y_pred) ** 2).sum(axis=0)  # label: SL003


y_flat = as_2d_targets(np.arange(5.0))
y_multi = as_2d_targets(np.ones((5, 2)))
truth = np.array([1.0, 2.0, 3.0, 4.0, 5.0])  # label: SL001
column_pred = np.zeros((5, 1))
print(residual_sum_of_squares(truth, column_pred))
