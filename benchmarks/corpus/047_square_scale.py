import numpy as np

K = np.random.rand(4, 4)
scale = np.array([1.0, 2.0, 3.0, 4.0])  # label: SL001
K_scaled = K / scale  # label: SL003
print(K_scaled)
