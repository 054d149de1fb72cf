"""Softmax without keepdims on a batch of five samples (bug: raises)."""
import numpy as np

np.random.seed(3)
S = np.random.randn(5, 3)
e = np.exp(S - S.max(axis=1, keepdims=True))
# numpy: ValueError: operands could not be broadcast together with shapes (5,3) (5,)
P = e / e.sum(axis=1)  # label: SL005
