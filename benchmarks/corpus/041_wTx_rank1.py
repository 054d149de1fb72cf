import numpy as np

n_x = 3
w = np.zeros(n_x)  # label: SL001
x = np.array([0.5, 1.5, -0.3])  # label: SL001
b = 0.1
z = np.dot(w.T, x) + b  # label: SL002
print(z)
