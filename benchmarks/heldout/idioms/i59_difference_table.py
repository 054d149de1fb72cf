"""Differences between every pair of two flat samples, axes spelled out (correct)."""
import numpy as np

x = np.linspace(0.0, 1.0, 6)  # label-all: SL001
y = np.linspace(0.0, 1.0, 4)  # label-all: SL001
diff = x[:, None] - y  # (6, 4), the new axis says it
diff2 = y.reshape(1, -1) - x.reshape(-1, 1)
gauss = np.exp(-(diff**2) / 0.1)
print(diff.shape, diff2.shape, gauss.shape)
