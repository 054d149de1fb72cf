import numpy as np

X = np.random.rand(50, 4)
X_std = (X - X.mean(axis=0)) / X.std(axis=0)
norms = np.linalg.norm(X, axis=1, keepdims=True)
X_unit = X / norms
row_sums = X.sum(axis=1)  # label: SL001
X_rows = X / row_sums  # label: SL005
col_max = X.max(axis=0)  # label-all: SL001
X_scaled = X / col_max
G = np.random.rand(6, 6)
G_std = (G - G.mean(0)) / G.std(0)
img = np.random.rand(8, 8, 3)
img_centered = img - img.mean(axis=(0, 1))
