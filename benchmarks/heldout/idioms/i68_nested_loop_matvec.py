"""A matrix-vector product written as two nested loops."""
import numpy as np

np.random.seed(47)
n, d = 6, 3
X = np.random.randn(n, d)
w = np.random.randn(d)  # label-all: SL001
out = np.zeros(n)  # label-all: SL001
for i in range(n):  # label: SL010
    for j in range(d):
        out[i] += X[i, j] * w[j]
print(np.allclose(out, X @ w))
