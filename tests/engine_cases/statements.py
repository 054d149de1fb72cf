import numpy as np
x: np.ndarray = np.zeros((2, 2))  # shape: (2, 2)
x += 1  # shape: (2, 2)
a, (b, c) = np.zeros(3), (np.ones(2), np.ones(1))  # shape: (3,)
flag = input()
if flag:
    y = np.zeros((3, 4))  # shape: (3, 4)
elif flag == "x":
    y = np.zeros((3, 5))  # shape: (3, 5)
else:
    y = np.zeros((3, 6))  # shape: (3, 6)
after_if = y  # shape: (3, ?)
z = np.zeros(1)  # shape: (1,)
for i in range(4):
    z = np.concatenate([z, z])  # shape: (?,)
after_loop = z  # shape: (?,)
w = np.ones(2)  # shape: (2,)
while w.sum() < 100:
    w = w * 2  # shape: (2,)
with open("f") as handle:
    inside = np.ones(3)  # shape: (3,)
try:
    t = np.zeros((2, 2))  # shape: (2, 2)
    t = np.zeros(7)  # shape: (7,)
except ValueError:
    handler = t  # shape: ?
lam = lambda v: v.T  # shape: ?
comp = [np.zeros(3) for _ in range(3)]  # shape: ?
gen = (q for q in range(3))  # shape: ?
