import numpy as np

data = np.arange(10).reshape(2, 5)
pairs = data.reshape(3, -1)  # label: SL008
