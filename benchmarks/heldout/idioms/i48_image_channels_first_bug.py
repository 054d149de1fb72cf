"""Channel means subtracted after moving channels first (bug: raises)."""
import numpy as np

np.random.seed(34)
img = np.random.rand(8, 8, 3)
mean_rgb = img.mean(axis=(0, 1))  # label: SL001
img_chw = img.transpose(2, 0, 1)  # (3, 8, 8)
# numpy: ValueError: operands could not be broadcast together with shapes (3,8,8) (3,)
img_c = img_chw - mean_rgb  # label: SL005
