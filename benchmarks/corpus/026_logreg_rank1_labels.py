import numpy as np

m = 4
X = np.random.rand(2, m)
Y = np.array([1, 0, 0, 1])  # label: SL001
w = np.zeros((2, 1))
b = 0.0
A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
dZ = A - Y
dw = np.dot(X, dZ.T) / m
print(dw.shape)
