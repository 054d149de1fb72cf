import numpy as np

counts = np.random.rand(4, 4)
probs = counts / counts.sum(axis=1)  # label: SL007
print(probs.sum(axis=1))
