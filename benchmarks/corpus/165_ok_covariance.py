import numpy as np

X = np.random.randn(50, 4)
Xc = X - X.mean(axis=0, keepdims=True)
cov = Xc.T @ Xc / (50 - 1)
print(cov.shape)
