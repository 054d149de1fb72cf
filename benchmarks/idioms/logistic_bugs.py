import numpy as np

n_x, m = 4, 100
X = np.random.randn(n_x, m)
Y = (np.random.rand(1, m) > 0.5).astype(float)
w = np.zeros(n_x)  # label: SL001
b = 0.0
A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))  # label: SL002
dw = np.dot(X, (A - Y).T) / m
w = w - 0.01 * dw  # label: SL003
