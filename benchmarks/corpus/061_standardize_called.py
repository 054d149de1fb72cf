import numpy as np


def standardize(X, mu, sigma):
    return (X - mu) / sigma  # label: SL005


data = np.random.rand(10, 3)
mu = np.zeros(10)  # label: SL001
sigma = np.ones((1, 3))
out = standardize(data, mu, sigma)
