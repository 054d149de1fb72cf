import numpy as np

v = np.arange(12)  # label: SL001
M = v.reshape(3, 4)
bad = v.reshape(5, 2)  # label: SL008
first = v[0]
wrong = v[0, 1]  # label: SL009
A = np.ones((3, 4))
B = np.ones((3, 4))
C = A @ B  # label: SL006
D = A @ B.T
