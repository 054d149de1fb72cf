"""Inner products of vectors (correct)."""
import numpy as np

np.random.seed(12)
w = np.random.randn(5)  # label-all: SL001
x = np.random.randn(5)  # label-all: SL001
s1 = np.dot(w, x)
s2 = w @ x
s3 = w.dot(x)
cos = s1 / (np.linalg.norm(w) * np.linalg.norm(x))
print(np.isclose(s1, s2), np.isclose(s2, s3), cos)
