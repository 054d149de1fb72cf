import numpy as np

A = np.random.rand(3, 3)
B = A + np.ones(1)
C = A * np.array([2.0])
print(B.shape, C.shape)
