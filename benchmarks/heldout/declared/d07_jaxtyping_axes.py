"""Variadic, broadcastable and anonymous jaxtyping axes (analysed, never imported)."""
import numpy as np
from jaxtyping import Float


def unit_last_axis(x: Float[np.ndarray, "*batch d"]) -> Float[np.ndarray, "*batch d"]:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def unit_rows_bug(x: Float[np.ndarray, "batch d"]) -> Float[np.ndarray, "batch d"]:
    # numpy: (3, 3) / (3,) divides column j by the norm of row j; (2, 3) / (2,) raises.
    return x / np.linalg.norm(x, axis=-1)  # label: SL007


def scale(x: Float[np.ndarray, "b n"], s: Float[np.ndarray, "#n"]) -> Float[np.ndarray, "b n"]:
    return x * s


def first_column(x: Float[np.ndarray, "n _"]) -> Float[np.ndarray, "n"]:
    return x[:, 0]


def add_bias_column(x: Float[np.ndarray, "b n"]) -> Float[np.ndarray, "b n+1"]:
    return np.concatenate([x, np.ones((x.shape[0], 1))], axis=1)


def flatten_tail(x: Float[np.ndarray, "b ..."]) -> Float[np.ndarray, "b _"]:
    return x.reshape(x.shape[0], -1)


def outer_bug(u: Float[np.ndarray, "n"], v: Float[np.ndarray, "n"]) -> Float[np.ndarray, "n n"]:
    # numpy: np.dot((3,), (3,)) is a scalar; v.T is still (n,).
    table = np.dot(u, v.T)  # label: SL004
    # numpy: the result has shape (), not (n, n).
    return table  # label: SL011


scaled_once = scale(np.ones((2, 4)), np.ones(1))
scaled_each = scale(np.ones((2, 4)), np.arange(4.0))
