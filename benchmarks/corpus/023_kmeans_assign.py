import numpy as np

X = np.random.rand(6, 2)
centroids = np.random.rand(3, 2)
d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
labels = d.argmin(axis=1)  # label: SL001
new_centroids = np.array([
    X[labels == k].mean(axis=0) if np.any(labels == k) else centroids[k]
    for k in range(3)
])
print(new_centroids.shape)
