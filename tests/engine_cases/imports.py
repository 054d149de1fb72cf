import numpy as np
import numpy
import numpy.linalg as la
from numpy import zeros, dot
from numpy.random import randn
from numpy import linalg
a = np.zeros((2, 3))  # shape: (2, 3)
b = numpy.ones(4)  # shape: (4,)
c = zeros((3, 3))  # shape: (3, 3)
d = randn(2, 5)  # shape: (2, 5)
e = dot(a, np.ones((3, 7)))  # shape: (2, 7)
f = la.inv(c)  # shape: (3, 3)
g = linalg.norm(a, axis=0)  # shape: (3,)
rng = np.random.default_rng(0)
h = rng.normal(size=(4, 2))  # shape: (4, 2)
i = rng.integers(0, 5, size=3)  # shape: (3,)
rs = np.random.RandomState(1)
j = rs.randn(3, 2)  # shape: (3, 2)
k = np.random.mtrand.rand(2)  # shape: (2,)
