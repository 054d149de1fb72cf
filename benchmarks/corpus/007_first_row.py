import numpy as np

data = np.arange(12).reshape(3, 4)
first = data[0]  # label: SL001
print(first.sum())
