import numpy as np

w = np.array([0.2, -0.5, 0.1])  # label: SL001
w_t = np.transpose(w)  # label: SL002
print(w_t.shape)
