import numpy as np

A = np.random.rand(3, 4)
v = np.random.rand(3)  # label: SL001
Av = A @ v  # label: SL006
