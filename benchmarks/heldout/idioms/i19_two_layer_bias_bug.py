"""One gradient step of a 2-layer net, course style (bug in db1: no keepdims)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


np.random.seed(13)
X = np.random.randn(2, 8)  # (n_x, m): one column per example
Y = (np.random.rand(1, 8) > 0.5).astype(float)
m = X.shape[1]
lr = 0.5
W1 = np.random.randn(3, 2) * 0.01
b1 = np.zeros((3, 1))
W2 = np.random.randn(1, 3) * 0.01
b2 = np.zeros((1, 1))

A1 = np.tanh(W1 @ X + b1)
A2 = sigmoid(W2 @ A1 + b2)
dZ2 = A2 - Y
dW2 = dZ2 @ A1.T / m
db2 = np.sum(dZ2, axis=1, keepdims=True) / m
dZ1 = (W2.T @ dZ2) * (1 - A1**2)
dW1 = dZ1 @ X.T / m
db1 = np.sum(dZ1, axis=1) / m  # label: SL001

W1 = W1 - lr * dW1
# numpy: (3, 1) - (3,) gives (3, 3); b1 silently becomes a table.
b1 = b1 - lr * db1  # label: SL003
W2 = W2 - lr * dW2
b2 = b2 - lr * db2
print(b1.shape)
