"""Row-major dense layer with a flat bias (correct)."""
import numpy as np

np.random.seed(24)
X = np.random.randn(5, 3)  # (batch, n_in)
W = np.random.randn(3, 4) * 0.1
b = np.zeros(4)  # label-all: SL001
H = np.maximum(X @ W + b, 0.0)  # (5, 4) + (4,)
print(H.shape)
