import numpy as np

data = np.random.randn(200, 5)
mean = data.mean(axis=0)  # label-all: SL001
cov = (data - mean).T @ (data - mean) / (len(data) - 1)
eigvals, eigvecs = np.linalg.eigh(cov)
top = eigvecs[:, -2:]
projected = (data - mean) @ top
z = (data - mean) / data.std(axis=0)
corr = np.corrcoef(data.T)
q = np.percentile(data, [25, 50, 75], axis=0)
