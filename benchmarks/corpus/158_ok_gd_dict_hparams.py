import numpy as np

hparams = {"lr": 0.05, "epochs": 20}
w = np.zeros((3, 1))
X = np.random.rand(3, 30)
y = np.random.rand(1, 30)
for _ in range(hparams["epochs"]):
    grad = X @ (w.T @ X - y).T / 30
    w -= hparams["lr"] * grad
print(w.shape)
