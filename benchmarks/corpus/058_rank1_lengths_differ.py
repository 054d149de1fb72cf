import numpy as np

a = np.arange(3)  # label: SL001
b = np.arange(4)  # label: SL001
s = a * b  # label: SL005
