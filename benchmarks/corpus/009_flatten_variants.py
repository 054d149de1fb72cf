import numpy as np

batch = np.random.rand(2, 3, 4)
v1 = batch.flatten()  # label: SL001
v2 = batch.reshape(-1)  # label: SL001
v3 = batch.reshape(-1, 1)
print(v1.shape, v2.shape, v3.shape)
