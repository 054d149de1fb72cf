import numpy as np

A = np.random.rand(3, 4)
first_row = A[0:1]
first_col = A[:, 0:1]
picked = A[[0]]
outer = first_col @ first_row
print(outer.shape, picked.shape)
