"""A small estimator class whose methods carry numpydoc shapes."""
import numpy as np


class NearestMean:
    """Classify by the closest class mean."""

    def fit(self, X, y):
        """Learn one mean per class.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)

        Returns
        -------
        self : object
        """
        self.classes_ = np.unique(y)
        self.means_ = np.stack([X[y == c].mean(axis=0) for c in self.classes_])
        self.overall_mean_ = X.mean(axis=0)  # label-all: SL001
        return self

    def predict(self, X):
        """Predict the closest class.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        d = ((X[:, None, :] - self.means_[None, :, :]) ** 2).sum(axis=2)
        return self.classes_[d.argmin(axis=1)]

    def transform(self, X):
        """Centre the samples on the overall mean.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
        """
        return X - self.overall_mean_

    def score_samples_bug(self, X):
        """Distance of every sample to the overall mean.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        dist : ndarray of shape (n_samples,)
        """
        # numpy: summing over axis 0 gives (n_features,): one value per feature.
        return np.sqrt(((X - self.overall_mean_) ** 2).sum(axis=0))  # label: SL011


model = NearestMean().fit(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]), np.array([0, 0, 1]))
