import numpy as np

X = np.random.rand(3, 50)
Y = np.random.rand(1, 50)
W = np.zeros((1, 3))
lr = 0.1
for epoch in range(100):
    Y_hat = W @ X
    dW = (Y_hat - Y) @ X.T / 50
    W = W - lr * dW
print(W)
