import numpy as np


def first_pixel(img):
    return img[0, 0, 0]  # label: SL009


im = np.random.rand(8, 8)
print(first_pixel(im))
