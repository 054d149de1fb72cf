"""Indexing, flattening and reductions that make flat arrays (correct use)."""
import numpy as np

A = np.arange(12.0).reshape(3, 4)
first_row = A[0]  # label-all: SL001
first_col = A[:, 0]  # label-all: SL001
col_keep = A[:, 0:1]  # (3, 1): not rank 1
flat = A.flatten()  # label-all: SL001
flat2 = A.ravel()  # label-all: SL001
col_means = np.sum(A, axis=0) / A.shape[0]  # label-all: SL001
row_keep = A.sum(axis=1, keepdims=True)  # (3, 1)
x = np.arange(6.0)  # label-all: SL001
x2 = x.reshape(2, 3)
x3 = x2.reshape(-1)  # label-all: SL001
print(first_row.shape, first_col.shape, flat.shape, flat2.shape, col_means.shape, x3.shape)
print(col_keep.shape, row_keep.shape, A[2, 3], A[-3, -4], x[5])
