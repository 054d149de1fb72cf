"""Subtracting a reference column taken out with X[:, 0] (bug: raises)."""
import numpy as np

np.random.seed(37)
X = np.random.randn(5, 3)
ref = X[:, 0]  # label: SL001
rel_ok = X - X[:, [0]]  # (5, 3) - (5, 1)
# numpy: ValueError: operands could not be broadcast together with shapes (5,3) (5,)
rel = X - ref  # label: SL005
