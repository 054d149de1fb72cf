import numpy as np


def forward(W, X, b):
    return np.dot(W, X) + b  # label: SL006


W = np.random.randn(2, 5)
X = np.random.randn(4, 8)
b = np.zeros((2, 1))
Z = forward(W, X, b)
