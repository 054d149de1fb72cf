"""k-nearest-neighbour classification split into small functions (correct)."""
import numpy as np


def sq_distances(A, B):
    return (A**2).sum(axis=1)[:, None] - 2 * A @ B.T + (B**2).sum(axis=1)[None, :]


def knn_predict(X_train, y_train, X_test, k=3):
    D = sq_distances(X_test, X_train)  # (n_test, n_train)
    nn = np.argsort(D, axis=1)[:, :k]  # (n_test, k)
    votes = y_train[nn]  # (n_test, k)
    pred = np.array([np.bincount(v).argmax() for v in votes])  # label-all: SL001
    return pred


np.random.seed(49)
X_train = np.vstack([np.random.randn(5, 2), np.random.randn(5, 2) + 4])
y_train = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])  # label-all: SL001
X_test = np.array([[0.0, 0.0], [4.0, 4.0], [5.0, 3.0]])
print(knn_predict(X_train, y_train, X_test))
