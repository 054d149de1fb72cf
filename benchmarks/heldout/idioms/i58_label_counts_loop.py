"""Summing the entries of an array with a Python loop."""
import numpy as np

np.random.seed(42)
losses = np.random.rand(50)  # label-all: SL001
total = 0.0
for i in range(len(losses)):  # label: SL010
    total += losses[i]
mean_loss = total / len(losses)
print(np.isclose(mean_loss, losses.mean()))
