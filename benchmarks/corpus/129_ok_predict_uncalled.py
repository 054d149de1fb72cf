import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def predict(w, X, b):
    z = np.dot(w.T, X) + b
    return sigmoid(z) > 0.5
