from numpy import zeros

hist = zeros((2, 10))
print(hist[2, 9])  # label: SL009
