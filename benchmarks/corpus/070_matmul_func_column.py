import numpy as np

A = np.ones((2, 3))
x = np.ones((2, 1))
y = np.matmul(A, x)  # label: SL006
