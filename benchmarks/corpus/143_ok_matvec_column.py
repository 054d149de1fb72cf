import numpy as np

A = np.random.rand(3, 3)
x = np.ones((3, 1))
y = A @ x
r = y - x
print(r.shape)
