import numpy as np

X = np.ones((2, 3))
Y = np.ones((3, 2))
D = X - Y  # label: SL005
