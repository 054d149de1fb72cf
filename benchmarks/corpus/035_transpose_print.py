import numpy as np

h = np.ones(6)  # label: SL001
print(h.T.shape)  # label: SL002
print(np.transpose(h).shape)  # label: SL002
