from numpy import dot, ones

g = ones(3)  # label: SL001
M = dot(g, g.T)  # label: SL004
print(M)
