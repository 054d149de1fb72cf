import numpy as np

w = np.random.rand(3)  # label: SL001
x = np.random.rand(4)  # label: SL001
s = np.dot(w, x)  # label: SL006
