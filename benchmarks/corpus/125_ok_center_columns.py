import numpy as np

X = np.random.rand(100, 3)
X_centered = X - X.mean(axis=0)
X_scaled = X_centered / X.std(axis=0)
print(X_scaled.shape)
