import numpy as np

A = np.random.rand(3, 4)
b = np.random.rand(3)  # label: SL001
C = A + b  # label: SL005
