"""BatchNorm forward and backward on (N, D) activations (correct)."""
import numpy as np

np.random.seed(30)
x = np.random.randn(8, 4)
gamma = np.ones(4)  # label-all: SL001
beta = np.zeros(4)  # label-all: SL001
eps = 1e-5
mu = x.mean(axis=0)  # label-all: SL001
var = x.var(axis=0)  # label-all: SL001
x_hat = (x - mu) / np.sqrt(var + eps)
out = gamma * x_hat + beta

dout = np.random.randn(8, 4)
dbeta = dout.sum(axis=0)  # label-all: SL001
dgamma = (dout * x_hat).sum(axis=0)  # label-all: SL001
dx_hat = dout * gamma
print(out.shape, dbeta.shape, dgamma.shape, dx_hat.shape)
