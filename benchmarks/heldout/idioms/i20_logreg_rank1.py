"""Logistic regression with a flat weight vector, row-major data (correct)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


np.random.seed(14)
X = np.random.randn(30, 4)
y = (np.random.rand(30) > 0.5).astype(float)  # label-all: SL001
w = np.zeros(4)  # label-all: SL001
b = 0.0
lr = 0.1
for _ in range(20):
    p = sigmoid(X @ w + b)
    dw = X.T @ (p - y) / len(y)
    db = np.mean(p - y)
    w -= lr * dw
    b -= lr * db
loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
print(w.shape, loss)
