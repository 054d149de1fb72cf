import numpy as np

P = np.random.rand(5, 2)
Q = np.random.rand(3, 2)
diff = P[:, np.newaxis, :] - Q[np.newaxis, :, :]
dist = np.sqrt((diff ** 2).sum(axis=2))
print(dist.shape)
