import numpy as np

rng = np.random.default_rng(0)
noise = rng.normal(0.0, 1.0, size=10)  # label: SL001
signal = np.ones((10, 1))
print(noise.mean(), signal.shape)
