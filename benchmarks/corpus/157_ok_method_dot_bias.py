import numpy as np

W = np.random.randn(4, 3)
x = np.random.randn(3, 1)
b = np.random.randn(4, 1)
z = W.dot(x) + b
print(z.shape)
