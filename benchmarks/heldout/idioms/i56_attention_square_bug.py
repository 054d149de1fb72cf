"""Attention weights normalised without keepdims on a square score table (bug: silently wrong)."""
import numpy as np

np.random.seed(40)
T, d = 5, 4
Q = np.random.randn(T, d)
K = np.random.randn(T, d)
scores = Q @ K.T / np.sqrt(d)  # (5, 5)
e = np.exp(scores)
# numpy: (5, 5) / (5,) normalises along the wrong axis, without error.
weights = e / e.sum(axis=-1)  # label: SL007
print(weights.sum(axis=-1))
