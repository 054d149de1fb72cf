"""A helper applied to flat measurements (correct)."""
import numpy as np


def standardise(v):
    return (v - v.mean()) / v.std()


heights = np.array([1.62, 1.70, 1.81, 1.75, 1.68])  # label-all: SL001
z = standardise(heights)
ranks = np.argsort(np.argsort(z))
print(z.round(3), ranks)
