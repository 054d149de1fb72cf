import numpy as np


def add_bias(Z, b):
    return Z + b  # label: SL003


Z = np.random.randn(3, 3)
b = np.random.randn(3)  # label: SL001
out = add_bias(Z, b)
print(out)
