"""np.zeros(N, n_dim): the second positional argument is a dtype (TypeError, no shape)."""
import numpy as np

N, n_dim = 10, 2
np.random.seed(18)
X = np.random.rand(N, n_dim)
centroids = X[:3].copy()
# numpy: TypeError: Cannot interpret '2' as a data type
buf = np.zeros(N, n_dim)  # raises: TypeError
