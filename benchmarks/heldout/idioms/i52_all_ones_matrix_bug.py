"""Building the all-ones matrix J = e e^T with flat vectors (bug: a scalar comes out)."""
import numpy as np

n = 4
e = np.ones(n)  # label: SL001
# numpy: np.matmul((4,), (4,)) is the scalar 4.0, not a (4, 4) matrix.
J = np.matmul(e, e.T)  # label: SL004
H = np.eye(n) - J / n  # meant to be the centering matrix
print(np.shape(J), np.shape(H))
