import numpy

v = numpy.linspace(0.0, 1.0, 11)  # label: SL001
M = numpy.eye(3)
d = M.mean(axis=1)  # label: SL001
print(v, d)
