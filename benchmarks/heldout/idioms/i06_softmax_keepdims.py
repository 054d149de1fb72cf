"""Numerically stable softmax over class scores (correct)."""
import numpy as np


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


np.random.seed(1)
scores = np.random.randn(4, 3)
probs = softmax(scores)
pred = probs.argmax(axis=1)  # label-all: SL001
print(probs.sum(axis=1), pred)
