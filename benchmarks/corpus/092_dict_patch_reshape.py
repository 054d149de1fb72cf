import numpy as np

dims = {"h": 4, "w": 5}
pixels = np.arange(20).reshape(dims["h"], dims["w"])
patch = pixels.reshape(dims["w"], dims["w"])  # label: SL008
