"""Reshape with a hand-computed size that is wrong (bug: raises)."""
import numpy as np

np.random.seed(23)
imgs = np.random.rand(10, 8, 8)
# numpy: ValueError: cannot reshape array of size 640 into shape (10,60)
flat = imgs.reshape(10, 60)  # label: SL008
