"""Every spelling of a transpose of a flat array does nothing (bugs)."""
import numpy as np

g = np.array([0.1, -0.2, 0.3])  # label: SL001
# numpy: each of these is still (3,).
g1 = np.transpose(g)  # label: SL002
g2 = g.transpose()  # label: SL002
g3 = g.T  # label: SL002
M = np.arange(6.0).reshape(2, 3)
Mt = M.T  # a real transpose, (3, 2)
print(g1.shape, g2.shape, g3.shape, Mt.shape)
