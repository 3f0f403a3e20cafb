"""NumPy float64 references for the margin losses."""

import numpy as np

from lossref.reference._grad import spread, step
from lossref.reference.probabilistic import class_weight, one_hot, pick, sigmoid


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


def soft_margin_loss(t, p):
    return np.mean(np.logaddexp(0.0, -signed(t) * p), axis=-1)


def soft_margin_loss_grad(t, p, w):
    s = signed(t)
    return spread(w, -s * sigmoid(-s * p))


def perceptron_loss(t, p):
    return np.mean(np.maximum(-signed(t) * p, 0.0), axis=-1)


def perceptron_loss_grad(t, p, w):
    s = signed(t)
    return spread(w, -s * step(-s * p))


def hinge_embedding_loss(t, p, margin=1.0):
    return np.mean(np.where(signed(t) > 0, p, np.maximum(margin - p, 0.0)), axis=-1)


def hinge_embedding_loss_grad(t, p, w, margin=1.0):
    return spread(w, np.where(signed(t) > 0, 1.0, -step(margin - p)))


def multiclass_hinge_loss(t, p):
    labels = t.astype(np.int64)
    return np.max(p + 1.0 - one_hot(labels, p), axis=-1) - pick(labels, p, -1)


def multiclass_hinge_loss_grad(t, p, w):
    labels = t.astype(np.int64)
    rows = one_hot(labels, p)
    return spread(w, one_hot(np.argmax(p + 1.0 - rows, axis=-1), p) - rows, mean=False)


def multiclass_perceptron_loss(t, p):
    return np.max(p, axis=-1) - pick(t.astype(np.int64), p, -1)


def multiclass_perceptron_loss_grad(t, p, w):
    return spread(w, one_hot(np.argmax(p, axis=-1), p) - one_hot(t.astype(np.int64), p), mean=False)


def _margins(t, x, margin):
    """(label one-hot rows, margin − x_y + x_j with the label's own entry 0)."""
    labels = t.astype(np.int64)
    rows = one_hot(labels, x)
    return labels, rows, (margin - pick(labels, x, -1)[..., None] + x) * (1.0 - rows)


def multi_margin_loss(t, x, p=1, margin=1.0, weight=1.0):  # x: the scores (p is the power, as torch names it)
    labels, rows, z = _margins(t, x, margin)
    hinge = np.maximum(z, 0.0)
    return class_weight(weight, labels) * np.mean(hinge**p, axis=-1)


def multi_margin_loss_grad(t, x, w, p=1, margin=1.0, weight=1.0):
    labels, rows, z = _margins(t, x, margin)
    d = (step(z) if p == 1 else 2.0 * np.maximum(z, 0.0)) * (1.0 - rows)  # ∂/∂x_j of each term, j ≠ y
    return spread(w * class_weight(weight, labels), d - rows * np.sum(d, axis=-1, keepdims=True))


def _targets(t, classes):
    """The target classes of each list: the entries before the first −1."""
    listed = np.cumprod(t >= 0, axis=-1).astype(bool)
    member = np.zeros(t.shape[:-1] + (classes,), bool)
    for index in np.ndindex(t.shape[:-1]):
        member[index][t[index][listed[index]].astype(np.int64)] = True
    return member


def multilabel_margin_loss(t, p):
    member = _targets(t, p.shape[-1])
    hinge = np.maximum(1.0 - p[..., :, None] + p[..., None, :], 0.0)  # [..., j, i]
    pairs = member[..., :, None] & ~member[..., None, :]
    return np.sum(np.where(pairs, hinge, 0.0), axis=(-2, -1)) / p.shape[-1]


def multilabel_margin_loss_grad(t, p, w):
    member = _targets(t, p.shape[-1])
    active = (member[..., :, None] & ~member[..., None, :]) & (1.0 - p[..., :, None] + p[..., None, :] > 0)
    per_element = np.sum(active, axis=-2) - np.sum(active, axis=-1)  # +1 as the i of a pair, −1 as its j
    return spread(w, per_element.astype(float))
