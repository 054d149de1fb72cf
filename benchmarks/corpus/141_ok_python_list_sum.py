import numpy as np

xs = [1.5, 2.0, 3.5]
total = 0.0
for i in range(len(xs)):
    total += xs[i]
col = np.array(xs).reshape(-1, 1)
print(total, col.shape)
