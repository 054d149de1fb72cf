import numpy as np

X = np.random.rand(10, 28, 28)
X_flat = X.reshape(10, -1)
X_back = X_flat.reshape(10, 28, 28)
print(X_flat.shape, X_back.shape)
