import numpy as np

a = np.random.rand(4, 1)
b = np.random.rand(1, 4)
D = a - b
print(D.shape)
