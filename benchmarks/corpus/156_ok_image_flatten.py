import numpy as np

m = 10
train_x = np.random.rand(m, 8, 8, 3)
flat = train_x.reshape(m, -1).T
flat2 = train_x.reshape(m, 8 * 8 * 3)
print(flat.shape, flat2.shape)
