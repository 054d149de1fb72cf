import numpy as np

A = np.arange(12).reshape(3, 4)
top = A[:5, 1:10]
tail = A[2:, -10:]
print(top.shape, tail.shape)
