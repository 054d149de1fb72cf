import numpy as np

v = np.linspace(0, 1, 7)  # label: SL001
col = v.reshape(6, 1)  # label: SL008
