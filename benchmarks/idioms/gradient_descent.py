import numpy as np


def fit(X, y, lr=0.1, epochs=100):
    n, d = X.shape
    w = np.zeros(d)  # label-all: SL001
    for _ in range(epochs):
        pred = X @ w
        grad = X.T @ (pred - y) / n
        w -= lr * grad
    return w


X = np.random.randn(30, 3)
y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * np.random.randn(30)  # label-all: SL001
w = fit(X, y)
residual = y - X @ w
mse = np.mean(residual ** 2)
