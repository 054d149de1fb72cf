"""Row offsets on a grid: the rank-1 `ys` lines up with the columns (bug)."""
import numpy as np

xs = np.linspace(0, 1, 50)  # label-all: SL001
ys = np.linspace(0, 1, 40)  # label: SL001
XX, YY = np.meshgrid(xs, ys)  # (40, 50)
# numpy: ValueError: operands could not be broadcast together with shapes (40,50) (40,)
shifted = XX + ys  # label: SL005
