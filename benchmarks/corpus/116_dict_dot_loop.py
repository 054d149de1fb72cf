import numpy as np

cfg = {"n_x": 4}
w = np.random.randn(cfg["n_x"], 1)
x = np.random.randn(cfg["n_x"], 1)
z = 0.0
for i in range(cfg["n_x"]):  # label: SL010
    z += w[i, 0] * x[i, 0]
print(z)
