import numpy as np

C = np.random.rand(4, 4)
C_norm = C / C.sum(axis=0)
C_centered = C - C.mean(axis=0)
print(C_norm.sum(axis=0), C_centered.shape)
