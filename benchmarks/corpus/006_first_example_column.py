import numpy as np

X = np.random.rand(3, 100)
x0 = X[:, 0]  # label: SL001
print(x0.shape)
