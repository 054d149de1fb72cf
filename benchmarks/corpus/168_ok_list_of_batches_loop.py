import numpy as np

X = np.random.rand(4, 12)
batches = [X[:, 0:4], X[:, 4:8], X[:, 8:12]]
W = np.zeros((2, 4))
for batch in batches:
    W = W + 0.01 * (batch @ batch.T)[:2, :]
print(W.shape)
