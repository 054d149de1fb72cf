"""Shapes declared with numpy's own typing (analysed; runs without extra packages)."""
from typing import Literal

import numpy as np
import numpy.typing as npt

M3x4 = np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]
M4x3 = np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]


def column_sums(A: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    return A.sum(axis=0)


def column_sums_bug(
    A: np.ndarray[tuple[int, int], np.dtype[np.float64]],
) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    # numpy: keepdims=True gives (1, 4) for a (3, 4) A: rank 2 where rank 1 is declared.
    return A.sum(axis=0, keepdims=True)  # label: SL011


def transpose34(M: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]) -> np.ndarray[tuple[Literal[4], Literal[3]], np.dtype[np.float64]]:
    return M.T


def pairs_bug(M: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]) -> np.ndarray:
    # numpy: ValueError: cannot reshape array of size 12 into shape (5,2)
    return M.reshape(5, 2)  # label: SL008


def square_bug(M: np.ndarray[tuple[Literal[3], Literal[4]], np.dtype[np.float64]]) -> np.ndarray[tuple[Literal[3], Literal[3]], np.dtype[np.float64]]:
    # numpy: (3, 4) @ (3, 4): matmul mismatch (size 3 is different from 4); M @ M.T was meant.
    return M @ M  # label: SL006


def gram(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    # NDArray says nothing about the shape: nothing to check.
    return X.T @ X


def identity_bug(M: M3x4) -> M4x3:
    # numpy: returns the (3, 4) argument where (4, 3) is declared.
    return M  # label: SL011


ok = transpose34(np.zeros((3, 4)))
# numpy: runs (M.T is (3, 4)), but the argument is (4, 3) where (3, 4) is declared.
bad = transpose34(np.zeros((4, 3)))  # label: SL011
