"""Least squares with flat vectors throughout (correct)."""
import numpy as np

np.random.seed(27)
X = np.random.randn(6, 3)
w = np.random.randn(3)  # label-all: SL001
noise = 0.1 * np.random.randn(6)  # label-all: SL001
y = X @ w + noise
w_hat = np.linalg.solve(X.T @ X, X.T @ y)
y_hat = X @ w_hat
mse = np.mean((y_hat - y) ** 2)
print(w_hat.shape, mse)
