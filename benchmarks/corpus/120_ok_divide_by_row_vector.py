import numpy as np

A = np.random.rand(3, 4)
B = A / np.array([1.0, 2.0, 3.0, 4.0])
print(B.shape)
