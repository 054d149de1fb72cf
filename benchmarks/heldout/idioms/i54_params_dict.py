"""Parameters kept in a dict, course style (correct, column biases)."""
import numpy as np


def init_params(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


np.random.seed(38)
params = init_params([3, 4, 1])
X = np.random.randn(3, 7)
Z1 = params["W1"] @ X + params["b1"]
A1 = np.maximum(Z1, 0)
Z2 = params["W2"] @ A1 + params["b2"]
print(Z1.shape, Z2.shape)
