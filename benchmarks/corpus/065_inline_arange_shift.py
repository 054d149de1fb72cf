import numpy as np

M = np.random.rand(6, 2)
shifted = M - np.arange(6)  # label: SL005
