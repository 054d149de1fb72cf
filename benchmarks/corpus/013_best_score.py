import numpy as np

scores = np.random.rand(6, 3)
best = np.max(scores, axis=1)  # label: SL001
mean_best = best.mean()
print(mean_best)
