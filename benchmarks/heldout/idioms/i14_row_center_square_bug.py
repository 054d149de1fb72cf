"""Centre each sample of a 3x3 patch on its own mean (bug: silently wrong)."""
import numpy as np

np.random.seed(9)
patch = np.random.rand(3, 3)
# numpy: (3, 3) - (3,) works, but subtracts row i's mean from column i.
centered = patch - patch.mean(axis=1)  # label: SL007
print(centered.mean(axis=1))
