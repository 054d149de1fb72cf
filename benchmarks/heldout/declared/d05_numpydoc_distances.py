"""Distances and nearest centroids documented with numpydoc."""
import numpy as np


def pairwise_sq_dists(X, Y):
    """Squared Euclidean distances.

    Parameters
    ----------
    X : ndarray of shape (n_samples_X, n_features)
    Y : ndarray of shape (n_samples_Y, n_features)

    Returns
    -------
    D : ndarray of shape (n_samples_X, n_samples_Y)
    """
    XX = (X**2).sum(axis=1)[:, None]
    YY = (Y**2).sum(axis=1)[None, :]
    return XX - 2 * X @ Y.T + YY


def linear_kernel_bug(X, Y):
    """Dot products between the rows of X and the rows of Y.

    Parameters
    ----------
    X : ndarray of shape (n_samples_X, n_features)
    Y : ndarray of shape (n_samples_Y, n_features)

    Returns
    -------
    K : ndarray of shape (n_samples_X, n_samples_Y)
    """
    # numpy: (6, 2) @ (4, 2): matmul mismatch (size 4 is different from 2); Y.T was meant.
    return X @ Y  # label: SL006


def nearest_centroid(X, centroids):
    """Index of the closest centroid for every sample.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centroids : ndarray of shape (n_clusters, n_features)

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    """
    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return d.argmin(axis=1)


def nearest_centroid_bug(X, centroids):
    """Index of the closest centroid for every sample, reduced over samples.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centroids : ndarray of shape (n_clusters, n_features)

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    """
    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    # numpy: d (6, 3) gives (3,): one index per centroid.
    return d.argmin(axis=0)  # label: SL011


def inertia(X, centroids, labels):
    """Within-cluster sum of squares.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)

    Returns
    -------
    inertia : float
    """
    return float(((X - centroids[labels]) ** 2).sum())
