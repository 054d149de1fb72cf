import numpy as np

T = 5
h = np.zeros((T, 3))
h[0, :] = 1.0
W = np.random.randn(3, 3) * 0.1
for t in range(1, T):
    h[t] = np.tanh(W @ h[t - 1])
print(h)
