import numpy as np

A = np.random.rand(4, 4)
B = A * np.arange(4.0).reshape(1, -1)
C = A * np.arange(4.0).reshape(-1, 1)
print(B.shape, C.shape)
