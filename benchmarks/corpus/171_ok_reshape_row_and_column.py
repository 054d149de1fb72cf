import numpy as np

X = np.random.rand(4, 6)
row = X.reshape(1, -1)
col = X.reshape(-1, 1)
print(row.shape, col.shape)
