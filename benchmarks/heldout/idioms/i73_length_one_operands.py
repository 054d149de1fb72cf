"""Length-1 operands broadcast against anything, as meant (correct)."""
import numpy as np

np.random.seed(52)
A = np.random.randn(3, 4)
shift = np.array([0.5])  # label-all: SL001
scale = np.ones((1, 4)) * 2.0
B = (A + shift) * scale
C = A - A.mean()
print(B.shape, C.shape)
