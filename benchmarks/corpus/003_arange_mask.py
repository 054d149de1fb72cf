import numpy as np

idx = np.arange(10)  # label: SL001
evens = idx[idx % 2 == 0]
doubled = 2 * evens
print(doubled)
