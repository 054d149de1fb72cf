import numpy

W = numpy.random.randn(2, 3)
X = numpy.random.randn(3, 4)
b = numpy.zeros((2, 1))
Z = numpy.dot(W, X) + b
print(Z.shape)
