import numpy as np

x = np.linspace(0, 1, 5)  # label: SL001
offsets = np.zeros((3, 1))
table = x + offsets  # label: SL003
print(table.shape)
