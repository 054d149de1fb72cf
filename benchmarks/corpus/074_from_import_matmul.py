from numpy import eye, matmul, ones

P = eye(3)
Q = ones((4, 4))
R = matmul(P, Q)  # label: SL006
