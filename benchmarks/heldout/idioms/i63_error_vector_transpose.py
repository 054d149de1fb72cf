"""A residual computed from two flat vectors, then "transposed" (bug: no-op)."""
import numpy as np

np.random.seed(44)
y = np.random.randn(8)  # label: SL001
pred = np.random.randn(8)  # label: SL001
err = pred - y
# numpy: err.T is still (8,); err.T @ err is the sum of squares, shape ().
sse = err.T @ err  # label: SL002
print(np.shape(sse))
