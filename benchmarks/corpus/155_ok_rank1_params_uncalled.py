import numpy as np


def cosine_similarity(a, b):
    return np.dot(a, b.T) / (np.linalg.norm(a) * np.linalg.norm(b))


def l2_normalize(v):
    return v / np.sqrt(np.sum(v ** 2))
