"""Reshape with two -1 (bug: raises)."""
import numpy as np

batch = np.zeros((4, 3, 2))
# numpy: ValueError: can only specify one unknown dimension
grid = batch.reshape(-1, -1)  # label: SL008
