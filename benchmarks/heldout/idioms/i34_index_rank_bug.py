"""Indexing a flat probability vector as if it were a table (bug: raises)."""
import numpy as np

probs = np.array([0.2, 0.5, 0.3])  # label: SL001
best = probs.argmax()
# numpy: IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed
p01 = probs[0, 1]  # label: SL009
