import numpy as np

X = np.random.randn(5, 5)
X_c = X - X.mean(axis=1)  # label: SL007
print(X_c.mean(axis=1))
