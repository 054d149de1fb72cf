import numpy as np

a = np.arange(24).reshape(2, 3, 4)
b = a.reshape(4, 6)
c = b.reshape(2, 12)
d = np.reshape(c, (3, 8))
print(d.shape)
