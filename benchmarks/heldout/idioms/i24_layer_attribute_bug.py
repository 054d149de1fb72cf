"""A dense layer on column-major input with a flat bias attribute (bug: raises)."""
import numpy as np


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_out, n_in) * 0.1
        self.b = np.zeros(n_out)  # label: SL001

    def forward(self, X):
        # numpy: ValueError: operands could not be broadcast together with shapes (3,5) (3,)
        return self.W @ X + self.b  # label: SL005


np.random.seed(17)
layer = Dense(4, 3)
X = np.random.randn(4, 5)  # (n_in, m)
out = layer.forward(X)
