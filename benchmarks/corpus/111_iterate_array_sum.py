import numpy as np

losses = np.array([0.9, 0.7, 0.4, 0.3])  # label: SL001
total = 0.0
for l in losses:  # label: SL010
    total += l
mean_loss = total / 4
print(mean_loss)
