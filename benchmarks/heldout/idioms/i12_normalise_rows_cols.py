"""Row and column normalisation written the safe ways (correct)."""
import numpy as np

np.random.seed(7)
X = np.abs(np.random.randn(6, 3))
rows = X / X.sum(axis=1, keepdims=True)
cols = X / X.sum(axis=0)
unit = X / np.linalg.norm(X, axis=1)[:, None]
# Transpose trick: (3, 6) / (6,) divides each sample by its own total.
rows2 = (X.T / X.sum(axis=1)).T
print(np.allclose(rows, rows2), cols.sum(axis=0), unit.shape)
