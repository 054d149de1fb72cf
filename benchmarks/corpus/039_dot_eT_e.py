import numpy as np

e = np.array([1.0, -2.0, 0.5])  # label: SL001
cov = np.dot(e.T, e)  # label: SL002
print(cov)
