import numpy as np

X = np.zeros((5, 2))
print(X[:, 2])  # label: SL009
