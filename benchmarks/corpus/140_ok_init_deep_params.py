import numpy as np

layer_dims = [5, 4, 3, 1]
params = {}
for l in range(1, len(layer_dims)):
    params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
    params["b" + str(l)] = np.zeros((layer_dims[l], 1))
print({k: v.shape for k, v in params.items()})
