import numpy as np

A = np.random.rand(3, 4)
B = np.random.rand(4, 5)
C = A @ B
D = C.T @ A
E = np.matmul(A.T, A)
print(C.shape, D.shape, E.shape)
