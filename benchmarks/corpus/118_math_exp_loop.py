import math

import numpy as np

v = np.random.rand(10)  # label: SL001
u = np.exp(v)
u2 = np.zeros((10, 1))
for i in range(10):  # label: SL010
    u2[i] = math.exp(v[i])
print(u.shape, u2.shape)
