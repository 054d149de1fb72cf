"""Scaled dot-product attention for one head (correct)."""
import numpy as np

np.random.seed(39)
T, d = 5, 4
Q = np.random.randn(T, d)
K = np.random.randn(T, d)
V = np.random.randn(T, d)
scores = Q @ K.T / np.sqrt(d)  # (5, 5)
scores = scores - scores.max(axis=-1, keepdims=True)
weights = np.exp(scores)
weights /= weights.sum(axis=-1, keepdims=True)
out = weights @ V
print(out.shape, weights.sum(axis=-1))
