import numpy as np
n = 5
shape = (3, 4)
A = np.ones(shape)  # shape: (3, 4)
m, k = A.shape
B = np.zeros((m, k + 1))  # shape: (3, 5)
C = np.zeros((2 * n, n // 2))  # shape: (10, 2)
D = np.zeros((A.shape[1], A.ndim))  # shape: (4, 2)
E = np.zeros(A.size)  # shape: (12,)
F = np.zeros(len(A))  # shape: (3,)
G = np.array([[1, 2, 3], [4, 5, 6]])  # shape: (2, 3)
H = np.array([G, G])  # shape: (2, 2, 3)
s = A.sum()  # shape: ()
t = float(s)  # shape: ?
u = A[0, 0]  # shape: ()
