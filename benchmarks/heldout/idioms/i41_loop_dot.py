"""A dot product accumulated element by element."""
import numpy as np

np.random.seed(28)
w = np.random.randn(100)  # label-all: SL001
x = np.random.randn(100)  # label-all: SL001
s = 0.0
for i in range(100):  # label: SL010
    s += w[i] * x[i]
print(np.isclose(s, w @ x))
