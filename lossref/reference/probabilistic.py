"""NumPy float64 references for the probabilistic losses."""

import numpy as np

from lossref.constants import EPSILON


def kl_divergence(t, p):
    t = np.clip(t, EPSILON, 1.0)
    p = np.clip(p, EPSILON, 1.0)
    return np.sum(t * np.log(t / p), axis=-1)


def poisson(t, p):
    return np.mean(p - t * np.log(p + EPSILON), axis=-1)


def log_sigmoid(x):
    """log(1 / (1 + e^−x)), stable for |x| large."""
    return -np.logaddexp(0.0, -x)


def binary_log_probs(p, from_logits):
    if from_logits:
        return log_sigmoid(p), log_sigmoid(-p)
    p = np.clip(p, EPSILON, 1.0 - EPSILON)
    return np.log(p), np.log1p(-p)


def binary_crossentropy(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    log_p, log_q = binary_log_probs(p, from_logits)
    return np.mean(-(t * log_p + (1.0 - t) * log_q), axis=axis)


def binary_focal_crossentropy(t, p, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                              label_smoothing=0.0, axis=-1):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    log_p, log_q = binary_log_probs(p, from_logits)
    prob = 1.0 / (1.0 + np.exp(-p)) if from_logits else p
    p_t = t * prob + (1.0 - t) * (1.0 - prob)
    loss = (1.0 - p_t) ** gamma * -(t * log_p + (1.0 - t) * log_q)
    if apply_class_balancing:
        loss = (t * alpha + (1.0 - t) * (1.0 - alpha)) * loss
    return np.mean(loss, axis=axis)


def log_softmax(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def class_log_probs(p, from_logits, axis):
    """(log p, p) of the class distribution along axis."""
    if from_logits:
        log_p = log_softmax(p, axis)
        return log_p, np.exp(log_p)
    p = np.clip(p / np.sum(p, axis=axis, keepdims=True), EPSILON, 1.0 - EPSILON)
    return np.log(p), p


def smooth(t, label_smoothing, axis):
    return t * (1.0 - label_smoothing) + label_smoothing / t.shape[axis]


def categorical_crossentropy(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    log_p, _ = class_log_probs(p, from_logits, axis)
    return -np.sum(smooth(t, label_smoothing, axis) * log_p, axis=axis)


def categorical_focal_crossentropy(t, p, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                                   axis=-1):
    log_p, prob = class_log_probs(p, from_logits, axis)
    t = smooth(t, label_smoothing, axis)
    return np.sum(alpha * (1.0 - prob) ** gamma * -t * log_p, axis=axis)


def pick(labels, values, axis):
    """values[..., labels, ...] along axis, labels shaped like values without that axis."""
    return np.squeeze(np.take_along_axis(values, np.expand_dims(labels, axis), axis=axis), axis=axis)


def sparse_categorical_crossentropy(t, p, from_logits=False, ignore_class=None, axis=-1):
    axis = axis % p.ndim
    log_p, _ = class_log_probs(p, from_logits, axis)
    labels = t.astype(np.int64)
    keep = np.ones(labels.shape, bool) if ignore_class is None else labels != ignore_class
    loss = -pick(np.where(keep, labels, 0), log_p, axis)
    return np.where(keep, loss, 0.0)


def categorical_generalized_cross_entropy(t, p, q=0.5):
    labels = t.reshape(p.shape[0]).astype(np.int64)
    prob = np.clip(pick(labels, p, 1), EPSILON, 1.0)
    return -np.expm1(q * np.log(prob)) / q  # (1 − p^q) / q, accurate for small q
