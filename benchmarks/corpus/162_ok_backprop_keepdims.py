import numpy as np

m = 4
X = np.random.rand(2, m)
Y = np.array([[1, 0, 1, 0]])
A1 = np.random.rand(3, m)
A2 = np.random.rand(1, m)
W2 = np.random.rand(1, 3)
dZ2 = A2 - Y
dW2 = np.dot(dZ2, A1.T) / m
db2 = np.sum(dZ2, axis=1, keepdims=True) / m
dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
dW1 = np.dot(dZ1, X.T) / m
db1 = np.sum(dZ1, axis=1, keepdims=True) / m
print(dW1.shape, db1.shape, dW2.shape, db2.shape)
