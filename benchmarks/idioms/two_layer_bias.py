import numpy as np

n_x, n_h, m = 3, 4, 20
X = np.random.randn(n_x, m)
W1 = np.random.randn(n_h, n_x) * 0.01
b1 = np.zeros(n_h)  # label: SL001
Z1 = np.dot(W1, X) + b1  # label: SL005
W2 = np.random.randn(1, n_h) * 0.01
b2 = np.zeros((1, 1))
A1 = np.tanh(np.dot(W1, X) + np.zeros((n_h, 1)))
Z2 = np.dot(W2, A1) + b2
dZ2 = Z2 - 1
db2 = np.sum(dZ2, axis=1, keepdims=True) / m
dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
db1 = np.sum(dZ1, axis=1) / m  # label: SL001
b1_col = np.zeros((n_h, 1))
b1_col = b1_col - 0.5 * db1  # label: SL003
