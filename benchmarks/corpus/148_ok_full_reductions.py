import numpy as np

A = np.random.rand(3, 4)
total = A.sum()
A_norm = A / total
mx = np.max(A)
print(A_norm.shape, mx)
