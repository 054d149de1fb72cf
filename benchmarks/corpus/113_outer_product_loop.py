import numpy as np

u = np.arange(3)  # label: SL001
v = np.arange(4)  # label: SL001
M = np.zeros((3, 4))
for i in range(3):  # label: SL010
    for j in range(4):
        M[i, j] = u[i] * v[j]
print(M)
