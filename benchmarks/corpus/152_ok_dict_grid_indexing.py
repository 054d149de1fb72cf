import numpy as np

cfg = {"rows": 4, "cols": 2}
G = np.zeros((cfg["rows"], cfg["cols"]))
G[3, 1] = 1.0
x = G[-1, -2]
print(x)
