import numpy as np


def numerical_gradient(f, x, eps=1e-4):
    grad = np.zeros_like(x)
    for i in range(x.size):
        old = x[i]
        x[i] = old + eps
        fp = f(x)
        x[i] = old - eps
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * eps)
    return grad
