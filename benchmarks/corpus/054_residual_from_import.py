from numpy import random, zeros

targets = zeros(8)  # label: SL001
preds = random.rand(8, 1)
residual = preds - targets  # label: SL003
print(residual.shape)
