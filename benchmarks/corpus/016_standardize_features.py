import numpy as np

X = np.random.randn(50, 3)
sigma = X.std(axis=0)  # label: SL001
X_scaled = X / sigma
print(X_scaled.shape)
