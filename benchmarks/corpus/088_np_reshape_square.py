import numpy as np

x = np.random.rand(3, 4)
y = np.reshape(x, (4, 4))  # label: SL008
