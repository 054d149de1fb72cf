import numpy as np

params = {"n_x": 4, "n_h": 3}
W1 = np.random.randn(params["n_h"], params["n_x"]) * 0.01
b1 = np.zeros(params["n_h"])  # label: SL001
print(W1.shape, b1.shape)
