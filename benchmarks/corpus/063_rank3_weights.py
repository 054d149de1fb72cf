import numpy as np

imgs = np.zeros((4, 8, 8))
weights = np.ones(4)  # label: SL001
weighted = imgs * weights  # label: SL005
