"""Validation accuracy of column predictions against flat labels (bug: silently wrong)."""
import numpy as np

np.random.seed(51)
X_val = np.random.randn(6, 3)
w = np.random.randn(3, 1)
y_val = np.array([1, 0, 1, 1, 0, 0])  # label: SL001
y_pred = (X_val @ w > 0).astype(int)  # (6, 1)
# numpy: (6, 1) == (6,) compares every prediction with every label: a (6, 6) table.
accuracy = np.mean(y_pred == y_val)  # label: SL003
print(accuracy)
