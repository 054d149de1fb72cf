"""Course logistic regression with a column weight vector (correct)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


np.random.seed(16)
dim, m = 4, 10
X = np.random.randn(dim, m)
Y = (np.random.rand(1, m) > 0.5).astype(float)
w = np.zeros((dim, 1))
b = 0.0
A = sigmoid(w.T @ X + b)  # (1, 10)
dw = X @ (A - Y).T / m
db = np.sum(A - Y) / m
w = w - 0.01 * dw
b = b - 0.01 * db
print(w.shape, A.shape)
