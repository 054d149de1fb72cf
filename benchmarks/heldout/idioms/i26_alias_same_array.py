"""Two names for one array: the reduction is broadcast back against itself."""
import numpy as np

A = np.arange(12.0).reshape(3, 4)
B = A
col_share = B / A.sum(axis=0)  # leading axis: right for any shape
S = np.arange(1.0, 17.0).reshape(4, 4)
T = S
# numpy: (4, 4) / (4,) divides column j by the total of row j.
row_share = T / S.sum(axis=1)  # label: SL007
print(col_share.sum(axis=0), row_share.sum(axis=1))
