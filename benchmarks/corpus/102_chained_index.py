import numpy as np

grid = np.zeros((4, 6))
print(grid[0][6])  # label: SL009
