"""Cosine similarity between two embedding sets (correct)."""
import numpy as np

np.random.seed(35)
A = np.random.randn(5, 3)
B = np.random.randn(4, 3)
An = A / np.linalg.norm(A, axis=1, keepdims=True)
Bn = B / np.linalg.norm(B, axis=1, keepdims=True)
S = An @ Bn.T  # (5, 4)
nearest = S.argmax(axis=1)  # label-all: SL001
print(S.shape, nearest)
