"""NumPy float64 references for the overlap losses."""

import numpy as np

from lossref.constants import EPSILON
from lossref.reference._grad import spread


def _axes(axis):
    return None if axis is None else (tuple(axis) if isinstance(axis, (tuple, list)) else axis)


def dice(t, p, axis=None, smooth=0.0):
    axis = _axes(axis)
    total = np.sum(t, axis=axis) + np.sum(p, axis=axis)
    return 1.0 - (2.0 * np.sum(t * p, axis=axis) + smooth) / (total + max(smooth, EPSILON))


def _tversky_terms(t, p, alpha, beta, axis, keepdims=False):
    tp = np.sum(t * p, axis=axis, keepdims=keepdims)
    fp = np.sum((1.0 - t) * p, axis=axis, keepdims=keepdims)
    fn = np.sum(t * (1.0 - p), axis=axis, keepdims=keepdims)
    return tp, tp + alpha * fp + beta * fn


def tversky(t, p, alpha=0.5, beta=0.5, axis=None, smooth=0.0):
    tp, weighted = _tversky_terms(t, p, alpha, beta, _axes(axis))
    return 1.0 - (tp + smooth) / (weighted + max(smooth, EPSILON))


def dice_grad(t, p, w, axis=None, smooth=0.0):
    axis = _axes(axis)
    numerator = 2.0 * np.sum(t * p, axis=axis, keepdims=True) + smooth
    total = np.sum(t, axis=axis, keepdims=True) + np.sum(p, axis=axis, keepdims=True) + max(smooth, EPSILON)
    return spread(w, -(2.0 * t * total - numerator) / total**2, axis, mean=False)


def tversky_grad(t, p, w, alpha=0.5, beta=0.5, axis=None, smooth=0.0):
    axis = _axes(axis)
    tp, weighted = _tversky_terms(t, p, alpha, beta, axis, keepdims=True)
    denominator = weighted + max(smooth, EPSILON)
    d_denominator = t + alpha * (1.0 - t) - beta * t
    return spread(w, -(t * denominator - (tp + smooth) * d_denominator) / denominator**2, axis, mean=False)
