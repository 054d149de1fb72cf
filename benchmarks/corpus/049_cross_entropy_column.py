import numpy as np

m = 6
y = np.array([1, 0, 1, 1, 0, 0])  # label: SL001
y_hat = np.random.rand(m, 1)
loss = -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))  # label: SL003
print(loss)
