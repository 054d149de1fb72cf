"""Outer products, three spellings (correct)."""
import numpy as np

u = np.arange(3)  # label-all: SL001
v = np.arange(4)  # label-all: SL001
M1 = np.outer(u, v)
M2 = u[:, None] * v[None, :]
M3 = u[:, None] * v
print(M1.shape, np.array_equal(M1, M2), np.array_equal(M1, M3))
