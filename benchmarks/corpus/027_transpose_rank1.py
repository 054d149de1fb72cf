import numpy as np

a = np.random.rand(5)  # label: SL001
b = a.T  # label: SL002
print(b.shape)
