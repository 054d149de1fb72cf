import numpy as np


def gram(v):
    return np.matmul(v, v.T)  # label: SL004


r = np.arange(4.0)  # label: SL001
print(gram(r))
