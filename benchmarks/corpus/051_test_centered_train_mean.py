import numpy as np

train = np.random.rand(3, 3)
test = np.random.rand(3, 3)
test_centered = test - train.mean(axis=0)  # label: SL003
print(test_centered)
