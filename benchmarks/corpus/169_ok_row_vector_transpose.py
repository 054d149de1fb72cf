import numpy as np

r = np.random.rand(1, 6)
c = r.T
s = r @ c
O = c @ r
print(s.shape, O.shape)
