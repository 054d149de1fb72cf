import numpy as np

X = np.random.rand(3, 10)
mu = X.mean(axis=1)  # label: SL001
mu_row = mu.T  # label: SL002
X_centered = X - mu.reshape(3, 1)
print(mu_row.shape, X_centered.shape)
