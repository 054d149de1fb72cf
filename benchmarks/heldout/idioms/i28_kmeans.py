"""k-means: assignment by broadcasting a new axis, centroid update (correct)."""
import numpy as np

np.random.seed(19)
X = np.vstack([np.random.randn(10, 2) + c for c in ([0, 0], [5, 5], [0, 5])])
k = 3
C = X[[0, 10, 20]].copy()  # (3, 2)
for _ in range(5):
    D = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)  # (30, 3)
    assign = D.argmin(axis=1)  # label-all: SL001
    C = np.array([X[assign == j].mean(axis=0) for j in range(k)])
inertia = D.min(axis=1).sum()
print(C.shape, inertia)
