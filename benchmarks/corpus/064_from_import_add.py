from numpy import ones, zeros

a = zeros((2, 5))
b = ones((5, 2))
c = a + b  # label: SL005
