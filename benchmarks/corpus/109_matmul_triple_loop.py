import numpy as np

A = np.random.rand(3, 4)
B = np.random.rand(4, 2)
C = np.zeros((3, 2))
for i in range(3):  # label: SL010
    for j in range(2):
        for k in range(4):
            C[i, j] += A[i, k] * B[k, j]
print(C)
