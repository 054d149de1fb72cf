import numpy as np


def to_matrix(v):
    return v.reshape(3, 3)  # label: SL008


w = np.ones(8)  # label: SL001
W = to_matrix(w)
