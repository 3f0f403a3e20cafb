"""Probabilistic losses, in keras.ops only.

Probabilities are clipped to [ε, 1 − ε] before a log. The upper clip is applied to the complement,
log(clip(1 − p, ε, 1 − ε)), which is the same number in exact arithmetic but stays exact in float32, where
1 − ε itself rounds to 1 − 1.19e-7 (Keras's 15.94 instead of −log ε = 16.118 for a saturated wrong answer).
From logits, the log-probabilities are exact (log-sigmoid / log-softmax), never clipped.
"""

from keras import ops

from lossref.constants import EPSILON
from lossref.losses import _rules
from lossref.losses._base import const, loss_function, mean, normalize_axis, require_rank, safe_log
from lossref.losses._masking import mask_values
from lossref.losses._params import ALPHA_UNIT, AXIS, CLASS_ALPHA, CLIP_EPSILON, FROM_LOGITS, GAMMA, SMOOTHING, Param
from lossref.losses.errors import LossInputError


@loss_function("kl_divergence", class_name="KLDivergence", params=(CLIP_EPSILON,), rules=_rules.probabilities)
def kl_divergence(y_true, y_pred, epsilon=EPSILON):
    """Σ₋₁(t · log(t / p)), t = clip(y_true, ε, 1), p = clip(y_pred, ε, 1)."""
    t = ops.clip(y_true, const(epsilon, y_true), const(1.0, y_true))
    return ops.sum(t * (ops.log(t) - safe_log(y_pred, epsilon, high=1.0)), axis=-1)


@loss_function("poisson", class_name="Poisson", params=(CLIP_EPSILON,), rules=_rules.rates)
def poisson(y_true, y_pred, epsilon=EPSILON):
    """mean₋₁(y_pred − y_true · log(y_pred + ε)); y_pred ≥ 0 is a rate."""
    return mean(y_pred - y_true * ops.log(y_pred + const(epsilon, y_pred)), axis=-1)


def _smooth_binary(y_true, label_smoothing):
    return y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing


def _binary_log_probs(y_pred, from_logits, epsilon):
    """(log p, log(1 − p)) of the positive class, exact from logits, clipped to [ε, 1 − ε] otherwise."""
    if from_logits:
        return ops.log_sigmoid(y_pred), ops.log_sigmoid(-y_pred)
    return safe_log(y_pred, epsilon), safe_log(1.0 - y_pred, epsilon)


@loss_function("binary_crossentropy", class_name="BinaryCrossentropy",
               params=(FROM_LOGITS, SMOOTHING, AXIS, CLIP_EPSILON), rules=_rules.probabilities)
def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    """mean_axis(−(t · log p + (1 − t) · log(1 − p))), t = y_true · (1 − ls) + ls / 2."""
    axis = normalize_axis("binary_crossentropy", axis, len(y_pred.shape))
    t = _smooth_binary(y_true, label_smoothing)
    log_p, log_not_p = _binary_log_probs(y_pred, from_logits, epsilon)
    return mean(-(t * log_p + (1.0 - t) * log_not_p), axis=axis)


@loss_function("binary_focal_crossentropy", class_name="BinaryFocalCrossentropy",
               params=(Param("apply_class_balancing", False, "bool"), ALPHA_UNIT, GAMMA, FROM_LOGITS, SMOOTHING, AXIS,
                       CLIP_EPSILON), rules=_rules.probabilities)
def binary_focal_crossentropy(
    y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
    label_smoothing=0.0, axis=-1, epsilon=EPSILON,
):
    """mean_axis(w · (1 − p_t)^γ · bce), p_t = t·p + (1 − t)(1 − p), t smoothed as in BCE;
    w = t·α + (1 − t)(1 − α) with class balancing, else 1. γ = 0 gives BCE exactly."""
    axis = normalize_axis("binary_focal_crossentropy", axis, len(y_pred.shape))
    t = _smooth_binary(y_true, label_smoothing)
    log_p, log_not_p = _binary_log_probs(y_pred, from_logits, epsilon)
    p = ops.sigmoid(y_pred) if from_logits else y_pred
    bce = -(t * log_p + (1.0 - t) * log_not_p)
    one_minus_p_t = t * (1.0 - p) + (1.0 - t) * p
    loss = _power(one_minus_p_t, gamma) * bce
    if apply_class_balancing:
        loss = (t * alpha + (1.0 - t) * (1.0 - alpha)) * loss
    return mean(loss, axis=axis)


def _power(base, exponent):
    """base ** exponent for base ≥ 0, with 0 ** 0 = 1 and a finite gradient at base = 0 for any exponent ≥ 0."""
    if exponent == 0:
        return ops.ones_like(base)
    positive = base > 0
    exponent = const(exponent, base)  # a bare float exponent is rounded to float32 on torch
    return ops.where(positive, ops.power(ops.where(positive, base, 1.0), exponent), 0.0)


def _categorical_log_probs(y_pred, from_logits, axis, epsilon):
    """log of the class distribution along axis: log-softmax from logits, else log(clip(p / Σp, ε, 1 − ε))."""
    if from_logits:
        return ops.log_softmax(y_pred, axis=axis), ops.softmax(y_pred, axis=axis)
    p = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    clipped = ops.clip(p, const(epsilon, p), const(1.0 - epsilon, p))
    return ops.log(clipped), clipped


def _smooth_categorical(y_true, label_smoothing, axis):
    """t · (1 − ls) + ls / K with K the number of classes along `axis` (as documented)."""
    if not label_smoothing:
        return y_true
    num_classes = y_true.shape[axis]
    return y_true * (1.0 - label_smoothing) + label_smoothing / num_classes


@loss_function("categorical_crossentropy", class_name="CategoricalCrossentropy",
               params=(FROM_LOGITS, SMOOTHING, AXIS, CLIP_EPSILON), rules=_rules.categorical)
def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON):
    """−Σ_axis(t · log p), p = y_pred / Σ_axis y_pred (or softmax of logits), t smoothed with K classes."""
    axis = normalize_axis("categorical_crossentropy", axis, len(y_pred.shape))
    log_p, _ = _categorical_log_probs(y_pred, from_logits, axis, epsilon)
    return -ops.sum(_smooth_categorical(y_true, label_smoothing, axis) * log_p, axis=axis)


@loss_function("categorical_focal_crossentropy", class_name="CategoricalFocalCrossentropy",
               params=(CLASS_ALPHA, GAMMA, FROM_LOGITS, SMOOTHING, AXIS, CLIP_EPSILON), rules=_rules.categorical)
def categorical_focal_crossentropy(
    y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1, epsilon=EPSILON
):
    """Σ_axis(α · (1 − p)^γ · (−t · log p)), p as in categorical_crossentropy; α a number or one weight per
    class along the class axis. γ = 0, α = 1 gives CCE."""
    axis = normalize_axis("categorical_focal_crossentropy", axis, len(y_pred.shape))
    log_p, p = _categorical_log_probs(y_pred, from_logits, axis, epsilon)
    t = _smooth_categorical(y_true, label_smoothing, axis)
    return ops.sum(_class_weights(alpha, p, axis) * _power(1.0 - p, gamma) * (-t * log_p), axis=axis)


def _class_weights(alpha, like, axis):
    """A number as is; a list of per-class weights shaped to broadcast along the class axis."""
    if not isinstance(alpha, (list, tuple)):
        return alpha
    if len(alpha) != like.shape[axis]:
        raise LossInputError("categorical_focal_crossentropy", "alpha", f"one weight per class: {like.shape[axis]} "
                             f"along axis {axis}, got {len(alpha)}")
    shape = [1] * len(like.shape)
    shape[axis] = len(alpha)
    return ops.reshape(const(alpha, like), shape)


def _sparse_labels(loss, y_true, y_pred, axis):
    """Labels shaped like y_pred without its class axis; a trailing or class-axis 1 is squeezed."""
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = ops.squeeze(y_true, axis)
    expected = tuple(d for i, d in enumerate(y_pred.shape) if i != axis)
    if tuple(y_true.shape) != expected:
        raise LossInputError(loss, "y_true", f"integer labels of shape {expected} (y_pred without its class "
                             f"axis), got {tuple(y_true.shape)}")
    return y_true


def _label_log_prob(y_true, log_p, axis):
    """log p[label] along axis; labels outside [0, C) give NaN (compiled code cannot raise)."""
    num_classes = log_p.shape[axis]
    in_range = (y_true >= 0) & (y_true < num_classes)
    one_hot = ops.one_hot(ops.where(in_range, y_true, 0), num_classes, axis=axis, dtype=log_p.dtype)
    picked = ops.sum(one_hot * log_p, axis=axis)
    return ops.where(in_range, picked, float("nan"))


@loss_function("sparse_categorical_crossentropy", class_name="SparseCategoricalCrossentropy",
               params=(FROM_LOGITS, Param("ignore_class", None, "class_id"), AXIS, CLIP_EPSILON),
               rules=_rules.sparse,
               targets="labels")
def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1, epsilon=EPSILON):
    """−log p[y_true] along axis; entries equal to ignore_class give 0 and are masked out of reductions.
    Labels outside [0, C) give NaN."""
    axis = normalize_axis("sparse_categorical_crossentropy", axis, len(y_pred.shape))
    y_true = _sparse_labels("sparse_categorical_crossentropy", y_true, y_pred, axis)
    log_p, _ = _categorical_log_probs(y_pred, from_logits, axis, epsilon)
    loss = -_label_log_prob(y_true, log_p, axis)
    if ignore_class is None:
        return loss
    keep = y_true != ignore_class
    return mask_values(ops.where(keep, loss, 0.0), keep)


@loss_function("categorical_generalized_cross_entropy", class_name="CategoricalGeneralizedCrossEntropy",
               params=(Param("q", 0.5, "float", 0.0, 1.0, low_open=True, high_open=True), CLIP_EPSILON),
               rules=_rules.generalized, targets="labels")
def categorical_generalized_cross_entropy(y_true, y_pred, q=0.5, epsilon=EPSILON):
    """(1 − p^q) / q, p = clip(y_pred[y_true], ε, 1) the probability of the true class; labels (B,) or (B, 1).

    The clip at ε keeps the gradient −p^(q−1) finite at p = 0."""
    require_rank("categorical_generalized_cross_entropy", "y_pred", y_pred, (2,))
    y_true = _sparse_labels("categorical_generalized_cross_entropy", y_true, y_pred, 1)
    log_p = _label_log_prob(y_true, safe_log(y_pred, epsilon, high=1.0), 1)
    return -ops.expm1(q * log_p) / q  # = (1 − p^q) / q without cancellation for small q
