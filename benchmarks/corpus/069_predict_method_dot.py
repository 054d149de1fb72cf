import numpy as np

X = np.random.rand(100, 5)
theta = np.random.rand(4, 1)
preds = X.dot(theta)  # label: SL006
