"""One-hot labels and class priors (correct)."""
import numpy as np

labels = np.array([0, 2, 1, 2, 0, 2])  # label-all: SL001
n_classes = 3
Y = np.eye(n_classes)[labels]  # (6, 3)
counts = Y.sum(axis=0)  # label-all: SL001
priors = counts / counts.sum()
Y_smooth = (Y + 1.0) / (Y + 1.0).sum(axis=1, keepdims=True)
print(Y.shape, priors, Y_smooth.sum(axis=1))
