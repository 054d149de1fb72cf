import numpy as np

m = 10
train_x = np.random.rand(m, 8, 8, 3)
flat = train_x.reshape(m, 8 * 8)  # label: SL008
