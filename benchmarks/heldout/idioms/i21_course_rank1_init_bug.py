"""Course logistic regression with w made flat by mistake (bugs: no-op .T, (4,4) weights)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


np.random.seed(15)
dim, m = 4, 10
X = np.random.randn(dim, m)
Y = (np.random.rand(1, m) > 0.5).astype(float)
w = np.zeros(dim)  # label: SL001
b = 0.0
# numpy: w.T is still (4,); w.T @ X is (10,).
A = sigmoid(w.T @ X + b)  # label: SL002
dw = X @ (A - Y).T / m  # (4, 10) @ (10, 1) -> (4, 1)
db = np.sum(A - Y) / m
# numpy: (4,) - (4, 1) gives (4, 4) without error.
w = w - 0.01 * dw  # label: SL003
b = b - 0.01 * db
print(w.shape)
