import numpy as np

np.random.seed(1)
n_x = 3
n_h = 4
m = 5
X = np.random.randn(n_x, m)
W1 = np.random.randn(n_h, n_x) * 0.01
b1 = np.zeros(n_h)  # label: SL001
W2 = np.random.randn(1, n_h) * 0.01
b2 = np.zeros((1, 1))
Z1 = np.dot(W1, X) + b1  # label: SL005
A1 = np.tanh(Z1)
Z2 = np.dot(W2, A1) + b2
