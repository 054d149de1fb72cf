import numpy as np

A = np.random.rand(3, 4)
s = A.sum(axis=1).reshape(-1, 1)
P = A / s
print(P.shape)
