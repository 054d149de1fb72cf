import numpy as np


def as_row(v):
    return v.T  # label: SL002


theta = np.zeros(3)  # label: SL001
print(as_row(theta).shape)
