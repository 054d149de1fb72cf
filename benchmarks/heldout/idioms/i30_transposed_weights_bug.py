"""A weight matrix used with the wrong orientation (bug: raises)."""
import numpy as np

np.random.seed(21)
X = np.random.randn(5, 3)  # (n_samples, n_in)
W = np.random.randn(3, 4)  # (n_in, n_out)
H = X @ W  # (5, 4), right
# numpy: ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0 ... (size 4 is different from 3)
H_bad = X @ W.T  # label: SL006
