import numpy as np

hp = {"n": 3}
w = np.random.rand(hp["n"], 1)
bias_term = w[3, 0]  # label: SL009
