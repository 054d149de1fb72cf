import numpy as np

X = np.random.randn(5, 5)
X_c = X - X.mean(axis=1, keepdims=True)
print(X_c.shape)
