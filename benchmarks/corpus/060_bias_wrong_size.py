import numpy as np

W = np.random.randn(4, 3)
X = np.random.randn(3, 10)
b = np.zeros((3, 1))
Z = np.dot(W, X) + b  # label: SL005
