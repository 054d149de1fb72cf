import numpy as np

X = np.random.rand(100, 4)
y = np.random.randint(0, 3, size=100)  # label-all: SL001
order = np.argsort(y)
X_sorted = X[order]
perm = np.random.permutation(100)  # label-all: SL001
train_idx = perm[:80]
test_idx = perm[80:]
X_train, X_test = X[train_idx], X[test_idx]
y_train = y[train_idx]
mask = y == 1
X_ones = X[mask]
counts = np.bincount(y)
classes = np.unique(y)
one_hot = np.zeros((100, 3))
one_hot[np.arange(100), y] = 1
