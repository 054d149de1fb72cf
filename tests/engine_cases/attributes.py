import numpy as np
class Config:
    nn_input_dim = 2
    nn_output_dim = 3
    epsilon = 0.01
W1 = np.random.randn(Config.nn_input_dim, 4)  # shape: (2, 4)
class Model:
    n_hidden = 5
    def __init__(self, n):
        self.W = np.zeros((n, 3))
        self.b = None
    def fit(self, X):
        self.b = np.zeros((1, 3))
        self.coef = np.ones((7, 3))
        self.helper()
        after = self.extra  # shape: (2, 2)
        return self
    def helper(self):
        self.extra = np.ones((2, 2))
    def predict(self, X):
        c = self.coef  # shape: (7, 3)
        b = self.b  # shape: ?
        h = np.zeros((self.n_hidden, 1))  # shape: (5, 1)
        p = self.proj  # shape: (2, 6)
        return c
    @property
    def proj(self):
        return np.ones((2, 6))
m = Model(4)
w = m.W  # shape: (4, 3)
m.fit(np.ones((4, 4)))
cf = m.coef  # shape: (7, 3)
class Changing:
    def __init__(self):
        self.v = np.zeros(3)
    def grow(self):
        self.v = np.zeros((3, 1))
    def read(self):
        r = self.v  # shape: ?
        return r
class Other:
    def __init__(self):
        self.v = np.zeros(5)
    def read(self):
        r = self.v  # shape: (5,)
        return r
class Base:
    def __init__(self):
        self.w = np.zeros(5)
    def read(self):
        r = self.w  # shape: ?
        return r
class Sub(Base):
    def __init__(self):
        self.w = np.zeros((2, 2))
class Init:
    def __init__(self, scale):
        self.scale = scale
    def __call__(self, shape):
        return np.random.randn(*shape) * self.scale
init = Init(0.01)
W2 = init((3, 5))  # shape: (3, 5)
class Counter:
    def __init__(self):
        self.seen = np.zeros(2)
    def __call__(self, x):
        self.seen = x
        return x
count = Counter()
count(np.ones((4, 4)))
seen = count.seen  # shape: (4, 4)
class Grower:
    def __init__(self):
        self.n_splits = 0
    def split(self, node):
        self.n_splits += node.flag
    def make(self):
        bitsets = np.zeros((self.n_splits, 8))  # shape: (?, 8)
        return bitsets
