import numpy as np


class BatchNorm:
    def __init__(self, n_features, momentum=0.9):
        self.gamma = np.ones(n_features)  # label-all: SL001
        self.beta = np.zeros(n_features)  # label-all: SL001
        self.running_mean = np.zeros(n_features)  # label-all: SL001
        self.running_var = np.ones(n_features)  # label-all: SL001
        self.momentum = momentum

    def forward(self, X, eps=1e-5):
        mu = X.mean(axis=0)  # label-all: SL001
        var = X.var(axis=0)  # label-all: SL001
        X_hat = (X - mu) / np.sqrt(var + eps)
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        return self.gamma * X_hat + self.beta


bn = BatchNorm(8)
out = bn.forward(np.random.randn(16, 8))
