"""k-means distances without the new axis (bug: raises)."""
import numpy as np

np.random.seed(20)
X = np.random.randn(30, 2)
C = X[:3].copy()  # (3, 2)
# numpy: ValueError: operands could not be broadcast together with shapes (30,2) (3,2)
D = np.sum((X - C) ** 2, axis=1)  # label: SL005
