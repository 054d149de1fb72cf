from numpy import exp, random

scores = random.rand(2, 5)
e = exp(scores)
p = e / e.sum(axis=1)  # label: SL005
