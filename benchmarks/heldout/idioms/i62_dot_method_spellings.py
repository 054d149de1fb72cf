"""Products written with .dot (one outer product meant, one inner product right)."""
import numpy as np

np.random.seed(43)
u = np.random.randn(3)  # label: SL001
v = np.random.randn(3)  # label: SL001
# numpy: u.dot(v.T) is a scalar, shape (); an outer product was meant.
P = u.dot(v.T)  # label: SL004
r = np.random.randn(3)  # label: SL001
# numpy: r.T.dot(r) is the inner product, shape (); only the .T is pointless.
ss = r.T.dot(r)  # label: SL002
print(np.shape(P), np.shape(ss))
