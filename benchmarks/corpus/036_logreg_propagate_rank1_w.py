import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)  # label: SL002
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    return dw, db, cost


X = np.random.rand(2, 3)
Y = np.array([[1, 0, 1]])
w = np.zeros(2)  # label: SL001
grads = propagate(w, 0.0, X, Y)
print(grads)
