from numpy import linspace, transpose

t = linspace(0, 1, 4)  # label: SL001
tt = transpose(t)  # label: SL002
print(tt)
