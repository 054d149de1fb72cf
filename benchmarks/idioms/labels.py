import numpy as np


def accuracy(y_true, y_pred):
    return np.mean(y_true == y_pred)


logits = np.random.randn(32, 10)
y = np.random.randint(0, 10, size=32)  # label-all: SL001
pred = np.argmax(logits, axis=1)  # label-all: SL001
acc = accuracy(y, pred)
correct = np.sum(pred == y)
probs = np.exp(logits) / np.sum(np.exp(logits), axis=1, keepdims=True)
nll = -np.log(probs[np.arange(32), y]).mean()
