import numpy as np

m = 8
X = np.random.rand(2, m)
Y = np.random.randint(0, 2, size=(1, m))
w = np.zeros((2, 1))
b = 0.0
A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
dw = np.dot(X, (A - Y).T) / m
db = np.sum(A - Y) / m
print(cost, dw.shape, db)
