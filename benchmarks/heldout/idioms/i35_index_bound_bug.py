"""A constant index past the end of a known axis (bug: raises)."""
import numpy as np

W = np.zeros((3, 4))
first = W[0, 3]
last_row = W[-1]  # label-all: SL001
# numpy: IndexError: index 3 is out of bounds for axis 0 with size 3
corner = W[3, 0]  # label: SL009
