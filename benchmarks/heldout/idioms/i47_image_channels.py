"""Per-channel statistics of an (H, W, C) image (correct)."""
import numpy as np

np.random.seed(33)
img = np.random.rand(8, 8, 3)
gray = img @ np.array([0.299, 0.587, 0.114])  # (8, 8)
mean_rgb = img.mean(axis=(0, 1))  # label-all: SL001
img_c = img - mean_rgb  # (8, 8, 3) - (3,): the channel axis is last
img_n = img / img.max(axis=(0, 1))
print(gray.shape, img_c.shape, img_n.shape)
