import numpy as np

u = np.random.rand(5)  # label: SL001
v = np.random.rand(5)  # label: SL001
inner = np.dot(u, v)
gram = np.dot(u, v.T)  # label: SL004
outer = np.outer(u, v)
also_inner = u.T @ v  # label: SL002
cov = np.cov(np.random.rand(3, 50))
