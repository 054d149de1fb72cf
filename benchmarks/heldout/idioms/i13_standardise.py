"""Feature standardisation, tall and square data (correct)."""
import numpy as np

np.random.seed(8)
X = np.random.randn(10, 3) * 5 + 2
mu = X.mean(axis=0)  # label-all: SL001
sigma = X.std(axis=0)  # label-all: SL001
Z = (X - mu) / sigma
# Square data: (4, 4) - (4,) is the leading-axis mean broadcast back, right for any shape.
A = np.random.randn(4, 4)
A_centered = A - A.mean(axis=0)
A_scaled = (A - A.mean(axis=0)) / A.std(axis=0)
print(Z.mean(axis=0).round(6), A_centered.mean(axis=0).round(6), A_scaled.shape)
