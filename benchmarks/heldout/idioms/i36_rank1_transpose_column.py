"""Trying to make a column vector with .T (bug: nothing happens)."""
import numpy as np

y = np.array([1.0, 0.0, 1.0, 1.0])  # label: SL001
# numpy: y.T.shape == (4,), not (4, 1).
y_col = y.T  # label: SL002
y_col2 = y.reshape(-1, 1)
print(y_col.shape, y_col2.shape)
