import numpy as np

img = np.random.rand(32, 32, 3)
gray = img.mean(axis=2)
flat = gray.ravel()  # label-all: SL001
hist, _ = np.histogram(flat, bins=16)
patch = img[4:12, 4:12]
mean_rgb = img.reshape(-1, 3).mean(axis=0)  # label-all: SL001
centered = img - mean_rgb
brightness = img.sum(axis=-1)
weighted = img / brightness  # label: SL005
