"""Mean squared error of a column prediction against flat targets (bug: silently wrong)."""
import numpy as np

np.random.seed(26)
X = np.random.randn(6, 3)
w_col = np.random.randn(3, 1)
y = np.random.randn(6)  # label: SL001
y_hat = X @ w_col  # (6, 1)
# numpy: (6, 1) - (6,) gives a (6, 6) table; the mean is over 36 differences.
mse = np.mean((y_hat - y) ** 2)  # label: SL003
print(mse)
