import numpy as np

x = np.linspace(-3, 3, 200)  # label-all: SL001
y = np.sin(x) * np.exp(-x ** 2)
xs = np.linspace(0, 1, 50)  # label-all: SL001
ys = np.linspace(0, 2, 80)  # label-all: SL001
XX, YY = np.meshgrid(xs, ys)
Z = np.sin(XX) * np.cos(YY)
t = np.arange(0, 10, 0.1)  # label-all: SL001
signal = np.cos(2 * np.pi * t) + 0.1 * np.random.randn(t.shape[0])
edges = np.histogram_bin_edges(signal, bins=20) if hasattr(np, "histogram_bin_edges") else None
