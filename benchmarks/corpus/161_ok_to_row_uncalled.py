import numpy as np


def to_row(a):
    return a.reshape(5, 1).T


r = np.random.rand(5).reshape(5, 1).T
print(r.shape)
