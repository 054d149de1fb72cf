import numpy as np

a = np.arange(12)  # label: SL001
B = a.reshape(5, 2)  # label: SL008
