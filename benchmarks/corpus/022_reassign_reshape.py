import numpy as np

a = np.random.rand(5)  # label: SL001
a = a.reshape(5, 1)
outer = np.dot(a, a.T)
inner = np.dot(a.T, a)
print(outer.shape, inner.shape)
