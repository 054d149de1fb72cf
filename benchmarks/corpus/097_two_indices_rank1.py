import numpy as np

v = np.array([3.0, 1.0, 2.0])  # label: SL001
x = v[0, 1]  # label: SL009
