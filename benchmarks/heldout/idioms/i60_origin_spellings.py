"""One rank-1 origin, several spellings of its size (correct use)."""
import numpy as np

n = 4
a = np.zeros((n,))  # label-all: SL001
b = np.zeros(shape=(n,))  # label-all: SL001
c = np.random.uniform(-1, 1, size=(n,))  # label-all: SL001
d = np.full(n, 0.5)  # label-all: SL001
e = np.zeros_like(c)  # made from the flat c: not a new origin
f = c.copy()
col = np.zeros((n, 1))
row = np.zeros((1, n))
total = a + b + c + d + e + f
print(total.shape, (col + row).shape)
