"""NumPy float64 references for the probabilistic losses."""

import numpy as np

from lossref.constants import EPSILON
from lossref.reference._grad import inside, spread


def _kl_targets(t, epsilon, clip_targets):
    """Keras clips the targets to [ε, 1]; unclipped, t·log(t/p) is taken as 0 where t = 0 (its limit)."""
    return np.clip(t, epsilon, 1.0) if clip_targets else np.asarray(t, dtype=np.float64)


def kl_divergence(t, p, epsilon=EPSILON, clip_targets=True):
    t = _kl_targets(t, epsilon, clip_targets)
    p = np.clip(p, epsilon, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sum(np.where(t > 0, t * np.log(np.where(t > 0, t, 1.0) / p), 0.0), axis=-1)


def poisson(t, p, epsilon=EPSILON):
    return np.mean(p - t * np.log(p + epsilon), axis=-1)


def sigmoid(x):
    return np.exp(log_sigmoid(x))


def log_sigmoid(x):
    """log(1 / (1 + e^−x)), stable for |x| large."""
    return -np.logaddexp(0.0, -x)


def binary_log_probs(p, from_logits, epsilon):
    if from_logits:
        return log_sigmoid(p), log_sigmoid(-p)
    # the complement is clipped, not 1 − clip(p): 1 − fl(1 − ε) is not ε (8e-4 off at ε = 1e-14 in float64)
    return np.log(np.clip(p, epsilon, 1.0 - epsilon)), np.log(np.clip(1.0 - p, epsilon, 1.0 - epsilon))


def binary_crossentropy(t, p, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    log_p, log_q = binary_log_probs(p, from_logits, epsilon)
    return np.mean(-(t * log_p + (1.0 - t) * log_q), axis=axis)


def binary_focal_crossentropy(t, p, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                              label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    log_p, log_q = binary_log_probs(p, from_logits, epsilon)
    prob = 1.0 / (1.0 + np.exp(-p)) if from_logits else p
    p_t = t * prob + (1.0 - t) * (1.0 - prob)
    loss = (1.0 - p_t) ** gamma * -(t * log_p + (1.0 - t) * log_q)
    if apply_class_balancing:
        loss = (t * alpha + (1.0 - t) * (1.0 - alpha)) * loss
    return np.mean(loss, axis=axis)


def log_softmax(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def class_log_probs(p, from_logits, axis, epsilon):
    """(log p, p) of the class distribution along axis."""
    if from_logits:
        log_p = log_softmax(p, axis)
        return log_p, np.exp(log_p)
    p = np.clip(p / np.sum(p, axis=axis, keepdims=True), epsilon, 1.0 - epsilon)
    return np.log(p), p


def smooth(t, label_smoothing, axis):
    return t * (1.0 - label_smoothing) + label_smoothing / t.shape[axis]


def categorical_crossentropy(t, p, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    log_p, _ = class_log_probs(p, from_logits, axis, epsilon)
    return -np.sum(smooth(t, label_smoothing, axis) * log_p, axis=axis)


def categorical_focal_crossentropy(t, p, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                                   axis=-1, epsilon=EPSILON):
    log_p, prob = class_log_probs(p, from_logits, axis, epsilon)
    t = smooth(t, label_smoothing, axis)
    alpha = np.asarray(alpha, float)
    if alpha.ndim:  # one weight per class, along the class axis
        alpha = np.expand_dims(alpha, tuple(i for i in range(p.ndim) if i != axis % p.ndim))
    return np.sum(alpha * (1.0 - prob) ** gamma * -t * log_p, axis=axis)


def pick(labels, values, axis):
    """values[..., labels, ...] along axis, labels shaped like values without that axis."""
    return np.squeeze(np.take_along_axis(values, np.expand_dims(labels, axis), axis=axis), axis=axis)


def one_hot(labels, like, axis=-1):
    return np.moveaxis(np.eye(like.shape[axis])[labels], -1, axis)


def class_weight(weight, labels):
    """w[label] for a list of per-class weights; a number as is."""
    return np.asarray(weight, float)[labels] if isinstance(weight, (list, tuple)) else weight


def sparse_categorical_crossentropy(t, p, from_logits=False, ignore_class=None, axis=-1, epsilon=EPSILON):
    axis = axis % p.ndim
    log_p, _ = class_log_probs(p, from_logits, axis, epsilon)
    labels = t.astype(np.int64)
    keep = np.ones(labels.shape, bool) if ignore_class is None else labels != ignore_class
    loss = -pick(np.where(keep, labels, 0), log_p, axis)
    return np.where(keep, loss, 0.0)


def categorical_generalized_cross_entropy(t, p, q=0.5, epsilon=EPSILON):
    labels = t.reshape(p.shape[0]).astype(np.int64)
    prob = np.clip(pick(labels, p, 1), epsilon, 1.0)
    return -np.expm1(q * np.log(prob)) / q  # (1 − p^q) / q, accurate for small q


# ---- analytic gradients: ∂/∂p of Σ w · loss(t, p) ------------------------------------------------


def kl_divergence_grad(t, p, w, epsilon=EPSILON, clip_targets=True):
    t = _kl_targets(t, epsilon, clip_targets)
    return spread(w, -t / np.clip(p, epsilon, 1.0) * inside(p, epsilon, 1.0), mean=False)


def poisson_grad(t, p, w, epsilon=EPSILON):
    return spread(w, 1.0 - t / (p + epsilon))


def binary_crossentropy_grad(t, p, w, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        return spread(w, 1.0 / (1.0 + np.exp(-p)) - t, axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_element = np.where(inside(p, epsilon, 1.0 - epsilon) > 0, -t / p + (1.0 - t) / (1.0 - p), 0.0)
    return spread(w, per_element, axis)


def _categorical_grad(t, p, from_logits, axis, epsilon):
    """∂/∂p of −Σ_axis t·log q, q = softmax(p) or clip(p / Σp, ε, 1 − ε)."""
    if from_logits:
        q = np.exp(log_softmax(p, axis))
        return q * np.sum(t, axis=axis, keepdims=True) - t
    total = np.sum(p, axis=axis, keepdims=True)
    q = p / total
    # only unclipped classes carry gradient: a = t·[ε < q < 1 − ε] / q, then ∂q_c/∂p_j = (δ_cj − q_c) / Σp
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(inside(q, epsilon, 1.0 - epsilon) > 0, t / q, 0.0)
    return -(a - np.sum(a * q, axis=axis, keepdims=True)) / total


def categorical_crossentropy_grad(t, p, w, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    grad = _categorical_grad(smooth(t, label_smoothing, axis), p, from_logits, axis, epsilon)
    return spread(w, grad, axis, mean=False)


def sparse_categorical_crossentropy_grad(t, p, w, from_logits=False, ignore_class=None, axis=-1, epsilon=EPSILON):
    axis = axis % p.ndim
    labels = t.astype(np.int64)
    keep = np.ones(labels.shape, bool) if ignore_class is None else labels != ignore_class
    one_hot = np.moveaxis(np.eye(p.shape[axis])[np.where(keep, labels, 0)], -1, axis)
    return spread(np.where(keep, w, 0.0), _categorical_grad(one_hot, p, from_logits, axis, epsilon), axis,
                  mean=False)


def categorical_generalized_cross_entropy_grad(t, p, w, q=0.5, epsilon=EPSILON):
    labels = t.reshape(p.shape[0]).astype(np.int64)
    prob = pick(labels, p, 1)
    d_prob = -np.power(np.clip(prob, epsilon, 1.0), q - 1.0) * inside(prob, epsilon, 1.0)
    grad = np.zeros_like(p)
    grad[np.arange(p.shape[0]), labels] = np.asarray(w) * d_prob
    return grad


# ---- beyond Keras: torch.nn.functional and optax ------------------------------------------------------


def poisson_nll_loss(t, p, log_input=True, full=False, eps=1e-8):
    loss = np.exp(p) - t * p if log_input else p - t * np.log(p + eps)
    if full:
        large = np.where(t > 1, t, 1.0)
        loss = loss + np.where(t > 1, large * np.log(large) - large + 0.5 * np.log(2 * np.pi * large), 0.0)
    return np.mean(loss, axis=-1)


def poisson_nll_loss_grad(t, p, w, log_input=True, full=False, eps=1e-8):
    return spread(w, np.exp(p) - t if log_input else 1.0 - t / (p + eps))


def _kept_labels(t, ignore_index):
    labels = t.astype(np.int64)
    keep = np.ones(labels.shape, bool) if ignore_index is None else labels != ignore_index
    return np.where(keep, labels, 0), keep


def nll_loss(t, p, weight=1.0, ignore_index=None):
    labels, keep = _kept_labels(t, ignore_index)
    return np.where(keep, -class_weight(weight, labels) * pick(labels, p, -1), 0.0)


def nll_loss_grad(t, p, w, weight=1.0, ignore_index=None):
    labels, keep = _kept_labels(t, ignore_index)
    return spread(np.where(keep, w * class_weight(weight, labels), 0.0), -one_hot(labels, p), mean=False)


def _binary_logit_terms(t, x):
    return -(t * log_sigmoid(x) + (1.0 - t) * log_sigmoid(-x))


def multilabel_soft_margin_loss(t, p):
    return np.mean(_binary_logit_terms(t, p), axis=-1)


def multilabel_soft_margin_loss_grad(t, p, w):
    return spread(w, sigmoid(p) - t)


def _focal_terms(t, x, alpha):
    """(1 − p_t, its derivative, the cross-entropy, its derivative, α_t)."""
    s = sigmoid(x)
    q = t * sigmoid(-x) + (1.0 - t) * s
    alpha_t = 1.0 if alpha is None else alpha * t + (1.0 - alpha) * (1.0 - t)
    return q, (1.0 - 2.0 * t) * s * sigmoid(-x), _binary_logit_terms(t, x), s - t, alpha_t


def sigmoid_focal_loss(t, p, alpha=None, gamma=2.0):
    q, _, ce, _, alpha_t = _focal_terms(t, p, alpha)
    return np.mean(alpha_t * q**gamma * ce, axis=-1)


def sigmoid_focal_loss_grad(t, p, w, alpha=None, gamma=2.0):
    q, dq, ce, dce, alpha_t = _focal_terms(t, p, alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_power = np.where(q > 0, gamma * q ** (gamma - 1.0), 0.0)
    return spread(w, alpha_t * (d_power * dq * ce + q**gamma * dce))


def poly_loss_cross_entropy(t, p, epsilon=2.0):
    log_q = log_softmax(p, -1)
    return -np.sum(t * log_q, axis=-1) + epsilon * np.sum(t * (1.0 - np.exp(log_q)), axis=-1)


def poly_loss_cross_entropy_grad(t, p, w, epsilon=2.0):
    q = np.exp(log_softmax(p, -1))
    cross_entropy = q * np.sum(t, axis=-1, keepdims=True) - t
    poly = -(t * q - q * np.sum(t * q, axis=-1, keepdims=True))  # ∂/∂x_j Σ_c t_c (1 − q_c)
    return spread(w, cross_entropy + epsilon * poly, mean=False)


def safe_softmax_cross_entropy(t, p):
    return -np.sum(np.where(t == 0, 0.0, t * log_softmax(p, -1)), axis=-1)


def safe_softmax_cross_entropy_grad(t, p, w):
    q = np.exp(log_softmax(p, -1))
    return spread(w, q * np.sum(t, axis=-1, keepdims=True) - t, mean=False)


def kl_divergence_with_log_targets(t, p, from_logits=False):
    if from_logits:
        t, p = log_softmax(t, -1), log_softmax(p, -1)
    return np.sum(np.exp(t) * (t - p), axis=-1)


def kl_divergence_with_log_targets_grad(t, p, w, from_logits=False):
    if from_logits:  # through x = log_softmax(p): softmax(p) − exp(t) per entry
        return spread(w, np.exp(log_softmax(p, -1)) - np.exp(log_softmax(t, -1)), mean=False)
    return spread(w, -np.exp(t), mean=False)


def generalized_kl_divergence(t, p):
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy_terms = np.where(t > 0, t * (np.log(np.where(t > 0, t, 1.0)) - p), 0.0)
    return np.sum(entropy_terms + np.exp(p) - t, axis=-1)


def generalized_kl_divergence_grad(t, p, w):
    return spread(w, np.exp(p) - t, mean=False)


def convex_kl_divergence(t, p):
    return generalized_kl_divergence(t, p)


def convex_kl_divergence_grad(t, p, w):
    return generalized_kl_divergence_grad(t, p, w)


def _floored(variance, eps, floor):
    return variance + eps if floor == "add" else np.maximum(variance, eps)


def gaussian_nll_loss(t, p, full=False, eps=1e-6, floor="clamp"):
    mu, variance = p[..., 0], _floored(p[..., 1], eps, floor)
    loss = 0.5 * (np.log(variance) + (t - mu) ** 2 / variance) + (0.5 * np.log(2 * np.pi) if full else 0.0)
    return np.mean(loss, axis=-1)


def gaussian_nll_loss_grad(t, p, w, full=False, eps=1e-6, floor="clamp"):
    """Straight through the clamp, as torch: the derivative at the clamped variance, below eps too."""
    mu, variance = p[..., 0], _floored(p[..., 1], eps, floor)
    d_mu = (mu - t) / variance
    d_variance = 0.5 * (1.0 / variance - (t - mu) ** 2 / variance**2)
    return spread(w, np.stack([d_mu, d_variance], axis=-1), axis=(-2, -1)) * 2.0  # a mean over D only


def _sparse_plus(z):
    return np.where(z >= 1.0, z, np.where(z > -1.0, 0.25 * (z + 1.0) ** 2, 0.0))


def sparsemax_loss(t, p):
    return np.mean(_sparse_plus(np.where(t != 0, -p, p)), axis=-1)


def sparsemax_loss_grad(t, p, w):
    sign = np.where(t != 0, -1.0, 1.0)
    return spread(w, sign * np.clip((sign * p + 1.0) / 2.0, 0.0, 1.0))


def sparsemax(s):
    """Projection onto the simplex along the last axis: max(s − τ, 0)."""
    z = -np.sort(-s, axis=-1)
    k = np.arange(1, s.shape[-1] + 1)
    cumulative = np.cumsum(z, axis=-1)
    support = 1.0 + k * z > cumulative
    size = np.sum(support, axis=-1, keepdims=True)
    tau = (np.take_along_axis(cumulative, size - 1, axis=-1) - 1.0) / size
    return np.maximum(s - tau, 0.0)


def multiclass_sparsemax_loss(t, s):
    labels = t.astype(np.int64)
    prob = sparsemax(s)
    return np.sum(prob * (s - pick(labels, s, -1)[..., None]), axis=-1) + 0.5 * (1.0 - np.sum(prob**2, axis=-1))


def multiclass_sparsemax_loss_grad(t, s, w):
    return spread(w, sparsemax(s) - one_hot(t.astype(np.int64), s), mean=False)


def ranking_softmax_loss(t, p):
    return -np.sum(t * log_softmax(p, -1), axis=-1)


def ranking_softmax_loss_grad(t, p, w):
    return spread(w, np.exp(log_softmax(p, -1)) * np.sum(t, axis=-1, keepdims=True) - t, mean=False)
