"""A perceptron class with flat weights stored on self (correct)."""
import numpy as np


class Perceptron:
    def __init__(self, n_features, lr=0.1):
        self.w = np.zeros(n_features)  # label-all: SL001
        self.b = 0.0
        self.lr = lr

    def decision(self, X):
        return X @ self.w + self.b

    def fit(self, X, t, epochs=5):
        for _ in range(epochs):
            wrong = np.sign(self.decision(X)) != t
            self.w += self.lr * (t[wrong] @ X[wrong])
            self.b += self.lr * t[wrong].sum()
        return self


X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]])
t = np.array([1, 1, -1, -1])  # label-all: SL001
model = Perceptron(2).fit(X, t)
print(model.w, np.sign(model.decision(X)))
