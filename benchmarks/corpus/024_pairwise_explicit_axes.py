import numpy as np

x = np.arange(3.0)  # label: SL001
y = np.arange(4.0)  # label: SL001
D = x[:, None] - y
D2 = x[:, np.newaxis] * y
R = x.reshape(-1, 1) + y
print(D.shape, D2.shape, R.shape)
