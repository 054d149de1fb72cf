import numpy as np

a = np.array([1.0, 2.0, 3.0])  # label: SL001
M = np.outer(a, a)
s = np.dot(a, a)
n = a @ a
print(M.shape, s, n)
