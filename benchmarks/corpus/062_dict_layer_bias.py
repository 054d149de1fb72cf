import numpy as np

sizes = {"n_x": 3, "n_h": 5}
W1 = np.random.randn(sizes["n_h"], sizes["n_x"])
b1 = np.zeros((sizes["n_x"], 1))
X = np.random.randn(sizes["n_x"], 7)
Z1 = W1 @ X + b1  # label: SL005
