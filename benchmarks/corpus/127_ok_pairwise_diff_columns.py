import numpy as np

X = np.random.rand(4, 2)
Y = np.random.rand(3, 2)
D = X[:, 0][:, None] - Y[:, 0]
print(D.shape)
