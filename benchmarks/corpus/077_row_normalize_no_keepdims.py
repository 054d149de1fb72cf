import numpy as np

A = np.random.rand(3, 4)
P = A / A.sum(axis=1)  # label: SL005
