"""A weight vector of the wrong length multiplied into a design matrix (bug: raises)."""
import numpy as np

np.random.seed(45)
X = np.random.randn(10, 4)
w = np.random.randn(3)  # label: SL001
# numpy: ValueError: shapes (10,4) and (3,) not aligned: 4 (dim 1) != 3 (dim 0)
scores = np.dot(X, w)  # label: SL006
