import numpy as np

Y = np.random.rand(1, 6)
y = np.squeeze(Y)  # label: SL001
C = np.random.rand(4, 4)
d = np.diag(C)  # label: SL001
print(y.shape, d.shape)
