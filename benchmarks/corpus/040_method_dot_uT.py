import numpy as np

u = np.linspace(-1, 1, 6)  # label: SL001
P = u.dot(u.T)  # label: SL004
print(P)
