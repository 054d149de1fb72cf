import numpy as np

Z = np.random.randn(2, 3)
E = np.zeros((2, 3))
for i in range(2):  # label: SL010
    for j in range(3):
        E[i, j] = np.exp(Z[i, j])
print(E)
