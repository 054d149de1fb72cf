import numpy as np

Z = np.random.randn(3, 5)
expZ = np.exp(Z)
probs = expZ / np.sum(expZ, axis=0)
print(probs.sum(axis=0))
