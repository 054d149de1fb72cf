import numpy as np

m = 20
X = np.random.rand(3, m)
dZ = np.random.rand(1, m)
dW = np.dot(X, dZ) / m  # label: SL006
