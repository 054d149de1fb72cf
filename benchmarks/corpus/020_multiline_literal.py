import numpy as np

weights = np.array([  # label: SL001
    0.1, 0.2,
    0.3, 0.4,
])
W = weights.reshape(2, 2)
print(W)
