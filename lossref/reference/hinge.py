"""NumPy float64 references for the margin losses."""

import numpy as np

from lossref.reference._grad import spread, step


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


def hinge_grad(t, p, w):
    s = signed(t)
    return spread(w, -s * step(1.0 - s * p))


def squared_hinge_grad(t, p, w):
    s = signed(t)
    return spread(w, -2.0 * s * np.maximum(1.0 - s * p, 0.0))


def categorical_hinge_grad(t, p, w):
    negatives = (1.0 - t) * p
    winner = np.argmax(negatives, axis=-1)[..., None] == np.arange(p.shape[-1])
    active = step(np.max(negatives, axis=-1) - np.sum(t * p, axis=-1) + 1.0)
    return spread(w * active, winner * (1.0 - t) - t, mean=False)
