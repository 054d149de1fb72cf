import numpy as np
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))  # shape: ?
    return s
p = sigmoid(np.zeros((3, 1)))  # shape: (3, 1)
q = sigmoid(np.zeros(4))  # shape: (4,)
def layer(n_in, n_out):
    W = np.random.randn(n_out, n_in) * 0.01  # shape: (4, 3)
    b = np.zeros((n_out, 1))  # shape: (4, 1)
    return W, b
W1, b1 = layer(3, 4)
Z = W1 @ np.ones((3, 10)) + b1  # shape: (4, 10)
def generic(X, n):
    rows, cols = X.shape
    w = np.zeros((cols, 1))  # shape: (X.shape[1], 1)
    v = np.zeros((n, 2))  # shape: (n, 2)
    return w
def fact(k):
    if k <= 1:
        return np.ones(1)
    return fact(k - 1)
r = fact(3)  # shape: ?
class Net:
    def __init__(self, n_x, n_h):
        self.W = np.random.randn(n_h, n_x)
        self.b = np.zeros((n_h, 1))
    def forward(self, X):
        out = self.W @ X + self.b  # shape: (5, 8)
        return out
net = Net(2, 5)
o = net.forward(np.ones((2, 8)))  # shape: (5, 8)
def twice(a):
    return a * 2
t1 = twice(np.ones(3))  # shape: (3,)
t2 = twice(np.ones((2, 2)))  # shape: (2, 2)
