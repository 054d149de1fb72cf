import numpy as np

eps = 1e-5
x = np.random.randn(32, 8)
gamma = np.ones((1, 8))
beta = np.zeros((1, 8))
mu = np.mean(x, axis=0, keepdims=True)
var = np.var(x, axis=0, keepdims=True)
x_hat = (x - mu) / np.sqrt(var + eps)
out = gamma * x_hat + beta
print(out.shape)
