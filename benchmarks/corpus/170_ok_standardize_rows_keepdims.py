import numpy as np

X = np.random.rand(3, 7)
mu = X.mean(axis=1, keepdims=True)
sd = X.std(axis=1, keepdims=True)
Xn = (X - mu) / sd
print(Xn.shape)
