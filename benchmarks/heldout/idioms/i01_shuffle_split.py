"""Shuffle a dataset through an index array, then split it (correct)."""
import numpy as np

np.random.seed(0)
X = np.random.randn(20, 3)
y = np.random.randint(0, 2, size=20)  # label-all: SL001
idx = np.arange(len(X))  # label-all: SL001
np.random.shuffle(idx)
n_train = 15
X_train, y_train = X[idx[:n_train]], y[idx[:n_train]]
X_test, y_test = X[idx[n_train:]], y[idx[n_train:]]
print(X_train.shape, y_train.shape, X_test.shape, y_test.shape)
