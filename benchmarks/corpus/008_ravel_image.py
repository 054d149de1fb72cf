import numpy as np

img = np.random.rand(8, 8)
pixels = img.ravel()  # label: SL001
print(pixels.shape)
