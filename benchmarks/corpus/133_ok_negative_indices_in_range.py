import numpy as np

M = np.random.rand(3, 4)
corner = M[-3, -4]
last = M[2, 3]
print(corner, last)
