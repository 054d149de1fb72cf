import numpy as np

W = np.random.randn(3, 4)
x = np.random.randn(4)  # label: SL001
z = np.dot(W, x.T)  # label: SL002
print(z.shape)
