"""NumPy float64 references for the overlap losses."""

import numpy as np

from lossref.constants import EPSILON


def _axes(axis):
    return None if axis is None else (tuple(axis) if isinstance(axis, (tuple, list)) else axis)


def dice(t, p, axis=None):
    axis = _axes(axis)
    return 1.0 - 2.0 * np.sum(t * p, axis=axis) / (np.sum(t, axis=axis) + np.sum(p, axis=axis) + EPSILON)


def tversky(t, p, alpha=0.5, beta=0.5, axis=None):
    axis = _axes(axis)
    tp = np.sum(t * p, axis=axis)
    fp = np.sum((1.0 - t) * p, axis=axis)
    fn = np.sum(t * (1.0 - p), axis=axis)
    return 1.0 - tp / (tp + alpha * fp + beta * fn + EPSILON)
