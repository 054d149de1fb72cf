"""Softmax cross-entropy with integer labels and its gradient (correct)."""
import numpy as np

np.random.seed(32)
n, k = 6, 4
logits = np.random.randn(n, k)
y = np.random.randint(0, k, size=n)  # label-all: SL001
shifted = logits - logits.max(axis=1, keepdims=True)
p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
nll = -np.log(p[np.arange(n), y])  # label-all: SL001
loss = nll.mean()
dlogits = p.copy()
dlogits[np.arange(n), y] -= 1
dlogits /= n
print(loss, dlogits.shape)
