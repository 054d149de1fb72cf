import numpy as np

vol = np.random.rand(2, 3, 4)
norm = vol / vol.max(axis=2)  # label: SL005
