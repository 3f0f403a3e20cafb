"""NumPy float64 references for the margin losses."""

import numpy as np


def signed(t):
    """{0, 1} labels as {−1, 1}."""
    return np.where(t == 0, -1.0, t)


def hinge(t, p):
    return np.mean(np.maximum(1.0 - signed(t) * p, 0.0), axis=-1)


def squared_hinge(t, p):
    return np.mean(np.maximum(1.0 - signed(t) * p, 0.0) ** 2, axis=-1)


def categorical_hinge(t, p):
    pos = np.sum(t * p, axis=-1)
    neg = np.max((1.0 - t) * p, axis=-1)
    return np.maximum(neg - pos + 1.0, 0.0)
