import numpy as np

n = 4
w = np.random.rand(n)  # label: SL001
x = np.random.rand(n)  # label: SL001
for epoch in range(3):
    s = 0.0
    for i in range(n):  # label: SL010
        s += w[i] * x[i]
    w = w - 0.1 * s * x
print(w)
