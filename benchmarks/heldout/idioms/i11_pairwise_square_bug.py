"""Kernel matrix within one set, norms added twice as flat rows (bug: silently wrong)."""
import numpy as np

np.random.seed(6)
X = np.random.randn(5, 2)
sq = (X**2).sum(axis=1)  # label: SL001
# numpy: (5,) - (5, 5) gives (5, 5); sq + sq adds each row norm twice along the
# columns instead of building sq[i] + sq[j].
D = sq + sq - 2 * X @ X.T  # label: SL003
print(D.shape, np.allclose(np.diag(D), 0))
