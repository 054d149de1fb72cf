"""Per-row offsets on a gridded field: the rank-1 `ys` lines up with the columns (bug)."""
import numpy as np

xs = np.linspace(0, 1, 50)  # label-all: SL001
ys = np.linspace(0, 1, 40)  # label: SL001
field = np.random.rand(40, 50)  # one row per y, one column per x
print(xs.shape, field.shape)
# numpy: ValueError: operands could not be broadcast together with shapes (40,50) (40,)
shifted = field + ys  # label: SL005
