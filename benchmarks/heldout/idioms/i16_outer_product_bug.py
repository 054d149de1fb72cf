"""Outer product written as a dot with a transpose (bug: a scalar comes out)."""
import numpy as np

np.random.seed(10)
u = np.random.rand(3)  # label: SL001
# numpy: np.dot((3,), (3,)) is a scalar, shape (); u.T is still (3,).
M = np.dot(u, u.T)  # label: SL004
print(np.shape(M))
