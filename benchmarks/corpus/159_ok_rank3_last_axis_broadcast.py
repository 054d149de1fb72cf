import numpy as np

T = np.random.rand(2, 3, 4)
U = T + np.arange(4.0)
print(U.shape)
