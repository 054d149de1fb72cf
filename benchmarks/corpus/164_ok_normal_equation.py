import numpy as np

X = np.random.rand(20, 3)
y = np.random.rand(20, 1)
theta = np.linalg.solve(X.T @ X, X.T @ y)
residual = X @ theta - y
print(theta.shape, residual.shape)
