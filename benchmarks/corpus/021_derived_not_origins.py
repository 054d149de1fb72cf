import numpy as np

A = np.random.rand(3, 4)
x = np.random.rand(4)  # label: SL001
y = np.dot(A, x)
z = 2 * x
e = np.exp(x)
part = x[1:3]
print(y.shape, z.shape, e.shape, part.shape)
