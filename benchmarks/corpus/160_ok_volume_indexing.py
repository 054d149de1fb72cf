import numpy as np

vol = np.random.rand(2, 3, 4)
v = vol[1, 2, 3]
print(vol[1, 2])
print(v)
