import numpy as np

R = np.random.rand(6, 6)
row_total = R.sum(axis=1)  # label: SL001
R_norm = R / row_total  # label: SL007
print(R_norm)
