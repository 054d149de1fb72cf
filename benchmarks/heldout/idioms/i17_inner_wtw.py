"""Squared norm written as w.T @ w: right result, a transpose that does nothing."""
import numpy as np

np.random.seed(11)
w = np.random.randn(5)  # label: SL001
# numpy: w.T.shape == (5,); w.T @ w is the inner product, shape ().
sq_norm = w.T @ w  # label: SL002
penalty = 0.5 * 0.01 * sq_norm
print(np.shape(sq_norm), penalty)
