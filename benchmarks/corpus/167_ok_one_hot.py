import numpy as np

m = 5
Y = np.array([[2, 0, 1, 2, 1]])
one_hot = np.zeros((3, m))
one_hot[Y[0], np.arange(m)] = 1
print(one_hot)
