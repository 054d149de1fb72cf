"""Row-major layer whose batch size equals its width: (4, 4) + (4,) is ambiguous."""
import numpy as np

np.random.seed(25)
X = np.random.randn(4, 3)
W = np.random.randn(3, 4) * 0.1
b = np.zeros(4)  # label: SL001
# numpy: (4, 4) + (4,) is legal; the bias length matches both axes.
H = X @ W + b  # label: SL003
print(H.shape)
