import numpy as np

T = np.random.rand(2, 3, 4)
S = T.sum(axis=0)
M = T.mean(axis=2)
N = T / T.sum(axis=0)
K = T - T.mean(axis=2, keepdims=True)
print(S.shape, M.shape, N.shape, K.shape)
