"""Write the small .npy files the course notebook loads (fixed seed, a few KB)."""
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def two_blobs(rng: np.random.Generator, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(3, m) features, one column per example, and (1, m) labels, course layout."""
    labels = rng.integers(0, 2, size=(1, m))
    centres = np.array([[1.0], [-1.0], [0.5]]) * (2 * labels - 1)
    features = centres * 2.0 + rng.normal(size=(3, m)) + np.array([[10.0], [5.0], [0.0]])
    return features, labels.astype(np.float64)


def main() -> None:
    rng = np.random.default_rng(2024)
    X_train, y_train = two_blobs(rng, 40)
    X_test, y_test = two_blobs(rng, 10)
    for name, array in {
        "X_train_raw": X_train,
        "y_train": y_train,
        "X_test_raw": X_test,
        "y_test": y_test,
    }.items():
        np.save(HERE / f"{name}.npy", array)
        print(f"{name}.npy {array.shape}")


if __name__ == "__main__":
    main()
