"""Row and column scaling documented with numpydoc."""
import numpy as np


def normalize_rows(X):
    """Scale every sample to unit sum.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    X_new : ndarray of shape (n_samples, n_features)
    """
    return X / X.sum(axis=1, keepdims=True)


def normalize_rows_bug(X):
    """Scale every sample to unit sum, without keepdims.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    X_new : ndarray of shape (n_samples, n_features)
    """
    # numpy: raises for (5, 3); for (3, 3) it silently divides column j by row total j.
    return X / X.sum(axis=1)  # label: SL007


def center(X):
    """Remove the per-feature mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    X_centered : ndarray of shape (n_samples, n_features)
    """
    return X - X.mean(axis=0)


def center_samples_bug(X):
    """Remove each sample's own mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    X_centered : ndarray of shape (n_samples, n_features)
    """
    means = X.mean(axis=1)  # label: SL001
    # numpy: (3, 3) - (3,) subtracts row i's mean from column i; (5, 3) - (5,) raises.
    return X - means  # label: SL007


def rms_scale(X):
    """Divide every feature by its root mean square.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    X_scaled : ndarray of shape (n_samples, n_features)
    """
    scale = np.sqrt((X**2).mean(axis=0))  # label-all: SL001
    return X / scale
