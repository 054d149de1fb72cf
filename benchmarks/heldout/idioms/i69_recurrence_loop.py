"""An exponential moving average: each step needs the previous one (correct loop)."""
import numpy as np

np.random.seed(48)
x = np.random.randn(50)  # label-all: SL001
ema = np.empty_like(x)
ema[0] = x[0]
alpha = 0.1
for t in range(1, len(x)):
    ema[t] = alpha * x[t] + (1 - alpha) * ema[t - 1]
print(ema[-1])
