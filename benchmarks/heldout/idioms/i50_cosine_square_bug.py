"""Unit-normalising three 3-d embeddings without keepdims (bug: silently wrong)."""
import numpy as np

np.random.seed(36)
E = np.random.randn(3, 3)
# numpy: (3, 3) / (3,) divides column j by the norm of row j; rows are not unit length.
E_unit = E / np.linalg.norm(E, axis=1)  # label: SL007
print(np.linalg.norm(E_unit, axis=1))
