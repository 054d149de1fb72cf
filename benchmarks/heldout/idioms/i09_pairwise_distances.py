"""Squared Euclidean distances between two point sets, expanded form (correct)."""
import numpy as np

np.random.seed(4)
X = np.random.randn(6, 2)
Y = np.random.randn(4, 2)
# (6, 4) + (4,): the row of squared norms lines up with the columns of Y, as meant.
D = -2 * X @ Y.T + np.sum(Y**2, axis=1)
D += np.sum(X**2, axis=1)[:, None]
D = np.sqrt(np.maximum(D, 0.0))
# The symmetric version within one set: the axes are spelled out.
sq = np.sum(X**2, axis=1)[:, np.newaxis]
K = sq + sq.T - 2 * X @ X.T
print(D.shape, K.shape)
