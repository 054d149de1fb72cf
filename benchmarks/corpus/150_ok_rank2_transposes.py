import numpy as np

w = np.random.rand(3, 1)
wT = w.T
s = np.dot(w.T, w)
G = np.dot(w, w.T)
print(wT.shape, s.shape, G.shape)
