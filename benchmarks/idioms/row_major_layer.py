import numpy as np


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * 0.01
        self.b = np.zeros(n_out)  # label-all: SL001

    def forward(self, X):
        self.X = X
        return X @ self.W + self.b

    def backward(self, dY, lr=0.1):
        dW = self.X.T @ dY
        db = dY.sum(axis=0)  # label-all: SL001
        self.W -= lr * dW
        self.b -= lr * db
        return dY @ self.W.T


layer = Dense(4, 3)
out = layer.forward(np.random.randn(8, 4))
back = layer.backward(np.ones((8, 3)))
w = np.random.randn(5)  # label: SL001
norm_sq = w.T @ w  # label: SL002
length = np.sqrt(np.dot(w, w))
x = np.arange(5)  # label-all: SL001
yv = np.arange(4)  # label-all: SL001
table = x[:, None] - yv
col = np.arange(4).reshape(-1, 1)
