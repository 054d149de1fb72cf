import numpy as np

A = np.random.rand(3, 4)
B = A.reshape((2, 7))  # label: SL008
