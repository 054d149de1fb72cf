import numpy as np

y = np.array([0, 1, 1, 0, 1])  # label: SL001
Y = y.reshape(1, 5)
print(Y.shape)
