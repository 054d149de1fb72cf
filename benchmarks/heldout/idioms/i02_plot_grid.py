"""Evaluate a function on a plotting grid (correct)."""
import numpy as np

xs = np.linspace(-3, 3, 50)  # label-all: SL001
ys = np.linspace(-2, 2, 40)  # label-all: SL001
XX, YY = np.meshgrid(xs, ys)  # both (40, 50)
Z = np.exp(-(XX**2 + YY**2))
# Separable form: the new axis is written out, so (40, 1) * (50,) is meant.
Z2 = np.exp(-(ys[:, None] ** 2)) * np.exp(-(xs**2))
grid = np.c_[XX.ravel(), YY.ravel()]  # (2000, 2) points for a classifier
print(Z.shape, Z2.shape, grid.shape, np.allclose(Z, Z2))
