import numpy as np
a = np.zeros(3)  # shape: (3,)
def f(np):
    x = np.zeros(4)  # shape: ?
    return x
y = f(object())  # shape: ?
np = 3
z = np.zeros(5)  # shape: ?
