import numpy as np

M = np.eye(3)
val = M[0, 1, 2]  # label: SL009
