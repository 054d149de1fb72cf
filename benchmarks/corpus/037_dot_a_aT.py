import numpy as np

a = np.random.rand(5)  # label: SL001
outer = np.dot(a, a.T)  # label: SL004
print(outer)
