import numpy as np

M = np.outer(np.arange(3), np.arange(4))
print(M.shape)
