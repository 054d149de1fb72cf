import numpy as np

n = 5
w = np.random.rand(n)  # label: SL001
x = np.random.rand(n)  # label: SL001
s = 0.0
for i in range(n):  # label: SL010
    s += w[i] * x[i]
print(s)
