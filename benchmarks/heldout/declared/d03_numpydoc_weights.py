"""Sample weights and label counts documented with numpydoc."""
import numpy as np


def weighted_mean(X, sample_weight=None):
    """Weighted per-feature mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    sample_weight : array-like of shape (n_samples,), default=None
        Weights; uniform when None.

    Returns
    -------
    mean : ndarray of shape (n_features,)
    """
    if sample_weight is None:
        sample_weight = np.ones(X.shape[0])  # label-all: SL001
    sample_weight = np.asarray(sample_weight)
    return (X * sample_weight[:, None]).sum(axis=0) / sample_weight.sum()


def weighted_mean_bug(X, sample_weight):
    """Weighted per-feature mean, summed over the wrong axis.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    sample_weight : ndarray of shape (n_samples,)

    Returns
    -------
    mean : ndarray of shape (n_features,)
    """
    # numpy: X (5, 3) gives (5,), one value per sample.
    return (X * sample_weight[:, None]).sum(axis=1) / sample_weight.sum()  # label: SL011


def class_counts(X, y):
    """How many samples each class has.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The samples (only their number matters here).
    y : ndarray of shape (n_samples,)
        Integer class labels.

    Returns
    -------
    counts : ndarray of shape (n_classes,)
    """
    return np.bincount(y, minlength=2)


counts_ok = class_counts(np.zeros((4, 2)), np.array([0, 1, 1, 0]))
# numpy: runs, but X has 3 rows and y 4 labels: n_samples is 3 and 4 at once.
counts_bad = class_counts(np.zeros((3, 2)), np.array([0, 1, 1, 0]))  # label: SL011
