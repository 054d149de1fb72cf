import numpy as np

K = np.random.rand(6, 6)
d = K.sum(axis=1)  # label: SL001
L = K - d  # label: SL007
scale = np.random.rand(6)  # label: SL001
S = K * scale  # label: SL003
D = np.diag(d) - K
