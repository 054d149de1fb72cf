import numpy as np

scores = np.arange(5)  # label: SL001
print(scores[-6])  # label: SL009
