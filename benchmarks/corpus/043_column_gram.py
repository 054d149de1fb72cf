import numpy as np

X = np.random.rand(3, 20)
x1 = X[:, 0]  # label: SL001
S = x1 @ x1.T  # label: SL004
print(S)
