"""BatchNorm on (N, C, H, W) feature maps with flat per-channel gamma (bug: raises)."""
import numpy as np

np.random.seed(31)
x = np.random.randn(2, 3, 4, 4)
mu = x.mean(axis=(0, 2, 3), keepdims=True)  # (1, 3, 1, 1)
var = x.var(axis=(0, 2, 3), keepdims=True)
x_hat = (x - mu) / np.sqrt(var + 1e-5)
gamma = np.ones(3)  # label: SL001
beta = np.zeros(3)  # label-all: SL001
# numpy: ValueError: operands could not be broadcast together with shapes (3,) (2,3,4,4)
out = gamma * x_hat + beta  # label: SL005
