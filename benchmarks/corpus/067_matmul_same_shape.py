import numpy as np

A = np.random.rand(3, 4)
B = np.random.rand(3, 4)
C = A @ B  # label: SL006
