import numpy as np

params = {"W": np.random.randn(2, 3), "b": np.zeros((2, 1))}
grads = {"W": np.ones((2, 3)), "b": np.ones((2, 1))}
lr = 0.1
for key in params:
    params[key] = params[key] - lr * grads[key]
print(params["W"].shape, params["b"].shape)
