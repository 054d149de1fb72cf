import numpy as np


def softmax(Z):
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


probs = softmax(np.random.randn(4, 4))
print(probs.shape)
