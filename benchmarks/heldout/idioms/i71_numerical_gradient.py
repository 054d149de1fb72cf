"""A finite-difference gradient check: the loop calls f per coordinate (correct)."""
import numpy as np


def loss(w):
    return float(np.sum((w - 1.0) ** 2))


def numerical_grad(f, w, eps=1e-5):
    g = np.zeros_like(w)
    for i in range(w.size):
        e = np.zeros_like(w)
        e[i] = eps
        g[i] = (f(w + e) - f(w - e)) / (2 * eps)
    return g


np.random.seed(50)
w = np.random.randn(3)  # label-all: SL001
print(np.allclose(numerical_grad(loss, w), 2 * (w - 1.0), atol=1e-4))
