"""Dense-layer helpers annotated with jaxtyping (analysed, never imported)."""
import numpy as np
from jaxtyping import Float


def linear(
    x: Float[np.ndarray, "batch n_in"],
    w: Float[np.ndarray, "n_in n_out"],
    b: Float[np.ndarray, "n_out"],
) -> Float[np.ndarray, "batch n_out"]:
    return x @ w + b


def linear_bug(
    x: Float[np.ndarray, "batch n_in"],
    w: Float[np.ndarray, "n_in n_out"],
    b: Float[np.ndarray, "n_out"],
) -> Float[np.ndarray, "batch n_out"]:
    # numpy: x (2, 3) @ w.T (4, 3): matmul mismatch (size 4 is different from 3).
    return x @ w.T + b  # label: SL006


def row_means(x: Float[np.ndarray, "batch n"]) -> Float[np.ndarray, "batch"]:
    return x.mean(axis=1)


def row_means_bug(x: Float[np.ndarray, "batch n"]) -> Float[np.ndarray, "batch"]:
    # numpy: x (2, 3) gives (3,), one value per column.
    return x.mean(axis=0)  # label: SL011


def hidden(
    x: Float[np.ndarray, "batch n_in"], w1: Float[np.ndarray, "n_in hidden"]
) -> Float[np.ndarray, "batch hidden"]:
    h: Float[np.ndarray, "batch hidden"] = np.maximum(x @ w1, 0.0)
    return h


def hidden_bug(
    x: Float[np.ndarray, "batch n_in"], w1: Float[np.ndarray, "n_in hidden"]
) -> Float[np.ndarray, "batch hidden"]:
    # numpy: x.T (3, 2) @ w1 (3, 5): matmul mismatch; even when it ran it would be (n_in, hidden).
    h: Float[np.ndarray, "batch hidden"] = np.maximum(x.T @ w1, 0.0)  # label: SL006
    return h


def concat_features(
    a: Float[np.ndarray, "batch n"], b: Float[np.ndarray, "batch m"]
) -> Float[np.ndarray, "batch n+m"]:
    return np.concatenate([a, b], axis=1)


both = concat_features(np.zeros((3, 2)), np.ones((3, 5)))
# numpy: np.concatenate raises ValueError (3 rows against 4); batch is bound to 3 and 4.
mixed = concat_features(np.zeros((3, 2)), np.ones((4, 5)))  # label: SL011
