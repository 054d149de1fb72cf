import numpy as np


def pairwise_sq_dists(X, Y):
    return -2 * X @ Y.T + np.sum(Y ** 2, axis=1) + np.sum(X ** 2, axis=1)[:, np.newaxis]


X = np.random.rand(5, 3)
Y = np.random.rand(7, 3)
D = pairwise_sq_dists(X, Y)
D2 = np.sum((X[:, None, :] - Y[None, :, :]) ** 2, axis=-1)
nearest = np.argmin(D, axis=1)  # label-all: SL001
