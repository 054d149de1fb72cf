import numpy as np

a = np.arange(6)  # label: SL001
b = np.arange(6)  # label: SL001
c = np.zeros(6)  # label: SL001
for i in range(6):  # label: SL010
    c[i] = a[i] + b[i]
print(c)
