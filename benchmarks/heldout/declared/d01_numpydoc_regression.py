"""Linear-model helpers documented with numpydoc parameter and return sections."""
import numpy as np


def mean_predictor(X, y):
    """Predict the mean target for every sample.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training data.
    y : ndarray of shape (n_samples,)
        Targets.

    Returns
    -------
    y_pred : ndarray of shape (n_samples,)
        The constant prediction.
    """
    return np.full(X.shape[0], y.mean())


def predict_mean_bug(X):
    """Predict one value per sample.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Input samples.

    Returns
    -------
    y_pred : ndarray of shape (n_samples,)
        One prediction per sample.
    """
    # numpy: X (5, 3) gives (3,): one value per feature, not per sample.
    return X.mean(axis=0)  # label: SL011


def decision_function(X, coef):
    """Signed distance to the hyperplane.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    coef : ndarray of shape (n_features,)

    Returns
    -------
    scores : ndarray of shape (n_samples,)
    """
    return X @ coef


def decision_function_bug(X, coef):
    """Signed distance to the hyperplane, operands swapped.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    coef : ndarray of shape (n_features,)

    Returns
    -------
    scores : ndarray of shape (n_samples,)
    """
    # numpy: (3,) @ (5, 3): matmul mismatch in core dimension 0 (size 5 is different from 3).
    return coef @ X  # label: SL006


def normal_equations(X, y):
    """Least-squares coefficients.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Returns
    -------
    coef : ndarray of shape (n_features,)
    """
    return np.linalg.solve(X.T @ X, X.T @ y)


def squared_loss_gradient_bug(X, y, coef):
    """Gradient of the mean squared error.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    coef : ndarray of shape (n_features,)

    Returns
    -------
    grad : ndarray of shape (n_features,)
    """
    residual = X @ coef - y
    # numpy: (5, 3) @ (5,): matmul mismatch (size 5 is different from 3); X.T @ residual was meant.
    return X @ residual / len(y)  # label: SL006
