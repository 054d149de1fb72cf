import numpy as np

X = np.random.rand(4, 3)
for i in range(4):
    row = X[i]  # label: SL001
    print(i, row.max())
