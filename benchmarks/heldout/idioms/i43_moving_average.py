"""Smoothing a signal with a box kernel (correct)."""
import numpy as np

t = np.arange(100)  # label-all: SL001
x = np.sin(0.1 * t) + 0.1 * np.cos(3.0 * t)
kernel = np.ones(5) / 5  # label-all: SL001
smooth = np.convolve(x, kernel, mode="valid")
diff = np.diff(x)
print(smooth.shape, diff.shape)
