import numpy as np

n = 4
w = np.zeros(n)  # label: SL001
b = 0.0
print(w, b)
