import numpy as np

A = np.random.rand(5, 3)
col_sums = np.zeros(3)  # label: SL001
for j in range(3):  # label: SL010
    for i in range(5):
        col_sums[j] += A[i, j]
print(col_sums)
