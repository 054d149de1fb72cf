from numpy import ones, zeros

bias = zeros(3)  # label: SL001
scale = ones((3, 1))
weights = ones(6)  # label: SL001
print(bias, scale, weights)
