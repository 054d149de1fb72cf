"""Flattening images for a linear model and back (correct)."""
import numpy as np

np.random.seed(22)
imgs = np.random.rand(10, 8, 8)
flat = imgs.reshape(imgs.shape[0], -1)  # (10, 64)
back = flat.reshape(-1, 8, 8)
pixels = imgs.reshape(-1)  # label-all: SL001
hist, edges = np.histogram(pixels, bins=10)
col = pixels.reshape(-1, 1)
print(flat.shape, back.shape, col.shape, hist.sum())
