"""numpy functions imported under other names."""
from numpy import dot, ones
from numpy import zeros as z
from numpy.random import rand

w = z(4)  # label-all: SL001
w += 1.0
M = ones((4, 1))
col = M * 2.0
v = rand(4)  # label: SL001
# numpy: dot((4,), (4,)) is a scalar; v.T is still (4,).
outer = dot(v, v.T)  # label: SL004
print(w, col.shape, outer)
