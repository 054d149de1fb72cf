import numpy as np

layers = {"n_x": 4, "n_h": 3, "n_y": 2}
W1 = np.random.randn(layers["n_h"], layers["n_x"])
W2 = np.random.randn(layers["n_h"], layers["n_y"])
X = np.random.randn(layers["n_x"], 6)
A1 = np.tanh(W1 @ X)
A2 = W2 @ A1  # label: SL006
