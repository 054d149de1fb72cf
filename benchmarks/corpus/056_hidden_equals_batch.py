import numpy as np

n_x = 3
n_h = 4
m = 4
X = np.random.randn(n_x, m)
W1 = np.random.randn(n_h, n_x) * 0.01
b1 = np.zeros(n_h)  # label: SL001
Z1 = np.dot(W1, X) + b1  # label: SL003
A1 = np.tanh(Z1)
print(A1.shape)
