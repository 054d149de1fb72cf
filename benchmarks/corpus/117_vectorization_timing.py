import time

import numpy as np

a = np.random.rand(1000)  # label: SL001
b = np.random.rand(1000)  # label: SL001
tic = time.time()
c = np.dot(a, b)
toc = time.time()
print("vectorized:", 1000 * (toc - tic), "ms")
c = 0
tic = time.time()
for i in range(1000):  # label: SL010
    c += a[i] * b[i]
toc = time.time()
print("for loop:", 1000 * (toc - tic), "ms")
