import numpy as np

v = np.random.randn(4)  # label: SL001
gram = v.T @ v  # label: SL002
print(gram)
