import numpy as np

A = np.random.rand(3, 4)
last = A[3, 0]  # label: SL009
