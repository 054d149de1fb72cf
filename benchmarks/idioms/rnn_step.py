import numpy as np

n_a, n_x, m = 5, 3, 10
Wax = np.random.randn(n_a, n_x)
Waa = np.random.randn(n_a, n_a)
ba = np.zeros((n_a, 1))
a_prev = np.zeros((n_a, m))
xt = np.random.randn(n_x, m)
a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)
Wya = np.random.randn(2, n_a)
by = np.zeros((2, 1))
z = Wya @ a_next + by
yt = np.exp(z) / np.sum(np.exp(z), axis=0)
