import numpy as np

buf = np.empty(8)  # label: SL001
fill = np.full(8, 0.5)  # label: SL001
buf[:] = fill
print(buf)
