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


def _divide_no_nan(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1.0), 0.0)


def _area(y0, x0, y1, x1):
    return np.maximum(y1 - y0, 0.0) * np.maximum(x1 - x0, 0.0)


def giou_loss(t, p, mode="giou"):
    t0, t1, t2, t3 = np.moveaxis(t, -1, 0)
    p0, p1, p2, p3 = np.moveaxis(p, -1, 0)
    intersection = _area(np.maximum(t0, p0), np.maximum(t1, p1), np.minimum(t2, p2), np.minimum(t3, p3))
    union = _area(t0, t1, t2, t3) + _area(p0, p1, p2, p3) - intersection
    iou = _divide_no_nan(intersection, union)
    if mode == "iou":
        return 1.0 - iou
    enclosing = _area(np.minimum(t0, p0), np.minimum(t1, p1), np.maximum(t2, p2), np.maximum(t3, p3))
    return 1.0 - iou + _divide_no_nan(enclosing - union, enclosing)


def multiclass_generalized_dice_loss(t, p):
    if p.shape[-1] == 1:
        prob = 1.0 / (1.0 + np.exp(-p))
    else:
        prob = np.exp(p - np.max(p, axis=-1, keepdims=True))
        prob = prob / np.sum(prob, axis=-1, keepdims=True)
    spatial = tuple(range(1, p.ndim - 1))
    intersection, predicted, target = (np.sum(x, axis=spatial) for x in (prob * t, prob, t))
    dice = 1.0 - (intersection + 1.0) / (0.5 * predicted + 0.5 * target + 1.0)
    frequency = np.sum(t, axis=tuple(range(t.ndim - 1)))
    inverse = 1.0 / (frequency**2 + 1e-7)
    return np.mean(dice * inverse / np.sum(inverse) * p.shape[-1])


def weighted_kappa_loss(t, p, num_classes=None, weightage="quadratic", epsilon=1e-6):
    grades = np.arange(p.shape[-1])
    gap = grades[:, None] - grades[None, :]
    weights = gap**2 if weightage == "quadratic" else np.abs(gap)
    labels = np.argmax(t, axis=-1)
    numerator = np.sum(weights[labels] * p)
    expected = t.sum(axis=0) @ weights @ p.sum(axis=0) / len(p)
    ratio = numerator / expected if expected != 0 else 0.0
    return float(np.log(ratio + epsilon))
