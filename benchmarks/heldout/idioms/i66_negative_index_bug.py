"""A negative index one past the start of a known axis (bug: raises)."""
import numpy as np

history = np.zeros((3, 2))
last = history[-1, :]  # label-all: SL001
# numpy: IndexError: index -4 is out of bounds for axis 0 with size 3
older = history[-4, :]  # label: SL009
