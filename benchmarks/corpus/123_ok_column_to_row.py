import numpy as np

a = np.random.rand(1, 5)
col = a.reshape(5, 1)
row = a.reshape(5, 1).T
G = col @ row
print(G.shape)
