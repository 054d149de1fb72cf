import numpy as np

A = np.random.rand(3, 3)
B = np.random.rand(3, 3)
C = B - A.mean(axis=1)  # label: SL003
print(C)
