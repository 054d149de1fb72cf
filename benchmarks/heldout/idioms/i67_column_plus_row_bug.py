"""A column of predictions added to a flat bias of the same length (bug: a table)."""
import numpy as np

np.random.seed(46)
logits = np.random.randn(5, 1)
bias = np.random.randn(5)  # label: SL001
# numpy: (5, 1) + (5,) gives (5, 5), neither operand's shape.
shifted = logits + bias  # label: SL003
print(shifted.shape)
