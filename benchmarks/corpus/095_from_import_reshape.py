from numpy import arange, reshape

r = arange(6)  # label: SL001
M = reshape(r, (2, 4))  # label: SL008
