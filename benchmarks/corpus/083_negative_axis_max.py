import numpy as np

Z = np.random.rand(3, 3)
Zs = Z - Z.max(axis=-1)  # label: SL007
print(Zs)
