import numpy as np

m = 10
W = np.random.randn(4, 3)
X = np.random.randn(3, m)
b = np.zeros((4, 1))
Z = np.dot(W, X) + b
A = np.maximum(0, Z)
print(A.shape)
