"""Row-major MLP gradient step with flat biases (correct)."""
import numpy as np

np.random.seed(41)
X = np.random.randn(16, 3)
y = np.random.randn(16, 1)
W = np.random.randn(3, 2) * 0.1
b = np.zeros(2)  # label-all: SL001
H = X @ W + b  # (16, 2)
dH = 2 * (H.sum(axis=1, keepdims=True) - y) / len(X) * np.ones((1, 2))
dW = X.T @ dH
db = dH.sum(axis=0)  # label-all: SL001
W -= 0.1 * dW
b -= 0.1 * db
print(W.shape, b.shape)
