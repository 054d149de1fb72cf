import numpy as np


def kmeans(X, k, iters=10):
    centers = X[np.random.choice(len(X), k, replace=False)]
    for _ in range(iters):
        d = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        labels = d.argmin(axis=1)  # label-all: SL001
        centers = np.array([X[labels == j].mean(axis=0) for j in range(k)])
    return centers, labels


X = np.random.rand(60, 2)
centers, labels = kmeans(X, 3)
inertia = np.sum((X - centers[labels]) ** 2)
