import numpy as np

values = np.random.rand(100)  # label: SL001
total = 0.0
for i in range(len(values)):  # label: SL010
    total += values[i]
print(total)
