import numpy as np

a = np.random.rand(5)  # label: SL001
print(a.shape)
col = a.reshape(5, 1)
print(col.shape)
