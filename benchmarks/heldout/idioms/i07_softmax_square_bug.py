"""Softmax without keepdims on a square score table (bug: silently wrong)."""
import numpy as np

np.random.seed(2)
S = np.random.randn(3, 3)  # three samples, three classes
# numpy: (3, 3) / (3,) broadcasts along the class axis; rows no longer sum to 1.
P = np.exp(S) / np.exp(S).sum(axis=1)  # label: SL007
print(P.sum(axis=1))
