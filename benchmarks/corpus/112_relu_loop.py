import numpy as np

z = np.random.randn(8)  # label: SL001
a = np.zeros(8)  # label: SL001
for i in range(8):  # label: SL010
    a[i] = max(0.0, z[i])
print(a)
