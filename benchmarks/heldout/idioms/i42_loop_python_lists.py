"""Loops over Python lists and over epochs are not array loops (correct)."""
import numpy as np

np.random.seed(29)
losses = []
w = np.zeros((3, 1))
X = np.random.randn(3, 8)
for epoch in range(3):
    w = w - 0.1 * (X @ (X.T @ w - 1.0)) / 8
    losses.append(float(np.mean((X.T @ w - 1.0) ** 2)))
total = 0.0
for value in [1.5, 2.5, 3.0]:
    total += value
names = ["a", "b", "c"]
for name, loss in zip(names, losses):
    print(name, round(loss, 4))
