"""NumPy float64 references for the overlap losses."""

import numpy as np

from lossref.constants import EPSILON
from lossref.reference._grad import spread


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


def dice_grad(t, p, w, axis=None):
    axis = _axes(axis)
    overlap = np.sum(t * p, axis=axis, keepdims=True)
    total = np.sum(t, axis=axis, keepdims=True) + np.sum(p, axis=axis, keepdims=True) + EPSILON
    return spread(w, -2.0 * (t * total - overlap) / total**2, axis, mean=False)


def tversky_grad(t, p, w, alpha=0.5, beta=0.5, axis=None):
    axis = _axes(axis)
    tp = np.sum(t * p, axis=axis, keepdims=True)
    fp = np.sum((1.0 - t) * p, axis=axis, keepdims=True)
    fn = np.sum(t * (1.0 - p), axis=axis, keepdims=True)
    denominator = tp + alpha * fp + beta * fn + EPSILON
    d_denominator = t + alpha * (1.0 - t) - beta * t
    return spread(w, -(t * denominator - tp * d_denominator) / denominator**2, axis, mean=False)
