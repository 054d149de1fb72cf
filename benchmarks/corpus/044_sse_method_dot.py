import numpy as np

errors = np.random.randn(10)  # label: SL001
sse = errors.T.dot(errors)  # label: SL002
print(sse)
