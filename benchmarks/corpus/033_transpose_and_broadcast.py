import numpy as np

A = np.random.rand(5, 1)
a = np.random.rand(5)  # label: SL001
C = A + a.T  # label: SL002, SL003
print(C.shape)
