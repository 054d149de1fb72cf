import numpy as np

W = np.random.randn(4, 3)
X = np.random.randn(4, 10)
Z = np.dot(W, X)  # label: SL006
