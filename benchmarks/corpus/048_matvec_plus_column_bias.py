import numpy as np

W = np.random.randn(4, 3)
b = np.zeros((4, 1))
x = np.random.randn(3)  # label: SL001
z = np.dot(W, x) + b  # label: SL003
print(z.shape)
