import numpy as np

a = np.random.rand(5)  # label: SL001
b = np.random.rand(5, 1)
c = a + b  # label: SL003
print(c.shape)
