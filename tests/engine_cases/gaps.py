import numpy as np
A = np.ones((3, 4))
s = np.shape(A)
r = s[0] + np.ndim(A)
z = np.zeros((r, 1))  # shape: (5, 1)
rows = sum(A)  # shape: (4,)
top = max(A[0])  # shape: ()
p = pow(A, 2)  # shape: (3, 4)
a = abs(-A)  # shape: (3, 4)
norms = [np.sum(row * row, keepdims=True) for row in A]
row = 1
cols = [c.reshape(3, 1) for c in A.T]
after = row + 1
for r2 in A.T:
    col = r2  # shape: (3,)
B = np.array(A)  # shape: (3, 4)
C = np.asarray(A)  # shape: (3, 4)
def f(x, n):
    k = np.ndim(x)
    t = np.sum(x)  # shape: ()
    u = np.linalg.norm(x)  # shape: ()
    e = np.zeros((np.shape(x)[0], n))  # shape: (x.shape[0], n)
    return t
def whole(labels, mask):
    u = np.unique(labels)  # shape: (?,)
    idx = np.flatnonzero(mask)  # shape: (?,)
    where = np.argwhere(mask)  # shape: (?, ?)
    c = np.cumsum(labels)  # shape: ?
    return u
