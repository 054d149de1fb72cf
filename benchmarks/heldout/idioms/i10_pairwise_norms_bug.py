"""Distances with the row norms left as a flat vector (bug: raises)."""
import numpy as np

np.random.seed(5)
X = np.random.randn(6, 2)
Y = np.random.randn(4, 2)
sq_x = np.sum(X**2, axis=1)  # label: SL001
sq_y = np.sum(Y**2, axis=1)  # label-all: SL001
# numpy: ValueError: operands could not be broadcast together with shapes (6,) (6,4)
D = sq_x - 2 * X @ Y.T + sq_y  # label: SL005
