import numpy as np

A = np.random.rand(3, 4)
P = A / A.sum(axis=1)[:, None]
Q = A / A.sum(axis=1)[:, np.newaxis]
print(P.shape, Q.shape)
