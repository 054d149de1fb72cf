import numpy as np

X = np.random.rand(50, 4)
X_std = (X - X.mean(axis=0)) / X.std(axis=0)
norms = np.linalg.norm(X, axis=1, keepdims=True)
X_unit = X / norms
row_sums = X.sum(axis=1)  # label: SL001
X_rows = X / row_sums  # label: SL005
col_max = X.max(axis=0)  # label-all: SL001
X_scaled = X / col_max
