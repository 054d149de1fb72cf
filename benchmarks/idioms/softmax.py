import numpy as np


def softmax(S):
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cols(S):
    e = np.exp(S - S.max(axis=0))
    return e / e.sum(axis=0)


def softmax_transposed(Y):
    return (Y.T / Y.sum(axis=1)).T


S = np.random.randn(4, 6)
P = softmax(S)
Q = softmax_cols(S)
R = softmax_transposed(np.exp(S))
V = np.random.randn(6, 6)
bad = np.exp(V) / np.exp(V).sum(axis=1)  # label: SL007
