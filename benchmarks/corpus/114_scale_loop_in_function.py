import numpy as np


def scale(X, c):
    out = np.zeros((3, 3))
    for i in range(3):  # label: SL010
        for j in range(3):
            out[i, j] = c * X[i, j]
    return out


print(scale(np.eye(3), 2.0))
