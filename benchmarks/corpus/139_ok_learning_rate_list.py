import numpy as np

X = np.random.rand(2, 20)
Y = np.random.rand(1, 20)
results = {}
for lr in [0.1, 0.01, 0.001]:
    W = np.zeros((1, 2))
    for step in range(50):
        dW = (W @ X - Y) @ X.T / 20
        W = W - lr * dW
    results[lr] = W
print(results)
