"""Per-class recall from a square confusion matrix (bug: silently wrong axis)."""
import numpy as np

cm = np.array([[5, 1, 0], [2, 6, 1], [0, 1, 7]])
# Precision divides each column by its total: the leading axis, right for any shape.
precision = cm / cm.sum(axis=0)
# numpy: (3, 3) / (3,) gives (3, 3) without error, but divides column j by row total j.
recall = cm / cm.sum(axis=1)  # label: SL007
print(np.diag(precision), np.diag(recall))
