from numpy import exp, maximum, random

Z = random.randn(3, 5)
A = exp(Z)
B = maximum(Z, 0)
C = 1 / (1 + exp(-Z))
print(A.shape, B.shape, C.shape)
