import numpy as np

frames = np.random.rand(2, 3, 3)
gain = np.array([0.5, 1.0, 2.0])  # label: SL001
out = frames * gain  # label: SL003
print(out.shape)
