import numpy as np

cfg = {"units": 5}
A = np.random.rand(cfg["units"], 1)
mask = np.ones(cfg["units"])  # label: SL001
masked = A * mask  # label: SL003
print(masked.shape)
