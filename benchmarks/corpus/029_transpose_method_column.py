import numpy as np

M = np.arange(12).reshape(3, 4)
col = M[:, 1]  # label: SL001
row_vec = col.transpose()  # label: SL002
print(row_vec)
