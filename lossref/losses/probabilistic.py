"""Probabilistic losses, in keras.ops only.

Probabilities are clipped to [ε, 1 − ε] before a log. The upper clip is applied to the complement,
log(clip(1 − p, ε, 1 − ε)), which is the same number in exact arithmetic but stays exact in float32, where
1 − ε itself rounds to 1 − 1.19e-7 (Keras's 15.94 instead of −log ε = 16.118 for a saturated wrong answer).
From logits, the log-probabilities are exact (log-sigmoid / log-softmax), never clipped.
"""

import math

from keras import ops

from lossref.constants import EPSILON
from lossref.losses import _rules
from lossref.losses._base import at_least, const, loss_function, mean, normalize_axis, require_rank, safe_log
from lossref.losses._labels import class_weight, pick, sparse_labels, stacked_last
from lossref.losses._masking import mask_values
from lossref.losses._params import ALPHA_UNIT, AXIS, CLASS_ALPHA, CLIP_EPSILON, FROM_LOGITS, GAMMA, SMOOTHING, Param
from lossref.losses.errors import LossInputError


@loss_function("kl_divergence", class_name="KLDivergence", params=(
    CLIP_EPSILON,
    Param("clip_targets", True, "bool", source="False: t·log t is 0 at t = 0 (xlogy), the exact limit, as "
          "torch.nn.functional.kl_div and optax.losses.kl_divergence compute it; Keras clips y_true to [ε, 1]")),
    rules=_rules.probabilities)
def kl_divergence(y_true, y_pred, epsilon=EPSILON, clip_targets=True):
    """Σ₋₁(t · log(t / p)), t = clip(y_true, ε, 1), p = clip(y_pred, ε, 1); clip_targets=False: t = y_true, with
    t·log(t / p) = 0 where t = 0."""
    if not clip_targets:
        positive = y_true > 0
        t = ops.where(positive, y_true, 1.0)
        return ops.sum(ops.where(positive, y_true * (ops.log(t) - safe_log(y_pred, epsilon, high=1.0)), 0.0), axis=-1)
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


@loss_function("sparse_categorical_crossentropy", class_name="SparseCategoricalCrossentropy",
               params=(FROM_LOGITS, Param("ignore_class", None, "class_id"), AXIS, CLIP_EPSILON),
               rules=_rules.sparse,
               targets="labels")
def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1, epsilon=EPSILON):
    """−log p[y_true] along axis; entries equal to ignore_class give 0 and are masked out of reductions.
    Labels outside [0, C) give NaN."""
    axis = normalize_axis("sparse_categorical_crossentropy", axis, len(y_pred.shape))
    y_true = sparse_labels("sparse_categorical_crossentropy", y_true, y_pred, axis)
    log_p, _ = _categorical_log_probs(y_pred, from_logits, axis, epsilon)
    loss = -pick(y_true, log_p, axis)
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
    y_true = sparse_labels("categorical_generalized_cross_entropy", y_true, y_pred, 1)
    log_p = pick(y_true, safe_log(y_pred, epsilon, high=1.0), 1)
    return -ops.expm1(q * log_p) / q  # = (1 − p^q) / q without cancellation for small q


# ---- beyond Keras: torch.nn.functional and optax ------------------------------------------------------


@loss_function("poisson_nll_loss", class_name="PoissonNLLLoss",
               params=(Param("log_input", True, "bool"), Param("full", False, "bool"),
                       Param("eps", 1e-8, "float", 0.0, 1e-2, low_open=True, log_low=1e-15)),
               rules=_rules.rates_or_log_rates)
def poisson_nll_loss(y_true, y_pred, log_input=True, full=False, eps=1e-8):
    """mean₋₁(exp(x) − t·x) for log-rates x = y_pred (log_input), else mean₋₁(x − t·log(x + eps)) for rates;
    full adds Stirling's t·log t − t + ½·log(2πt) where t > 1: torch.nn.functional.poisson_nll_loss."""
    if log_input:
        loss = ops.exp(y_pred) - y_true * y_pred
    else:
        loss = y_pred - y_true * ops.log(y_pred + const(eps, y_pred))
    if full:
        large = y_true > 1
        t = ops.where(large, y_true, 1.0)
        loss = loss + ops.where(large, t * ops.log(t) - t + 0.5 * ops.log(2.0 * math.pi * t), 0.0)
    return mean(loss, axis=-1)


@loss_function("nll_loss", class_name="NLLLoss",
               params=(Param("weight", 1.0, "class_weights", 0.0, draw_high=5.0),
                       Param("ignore_index", None, "class_id")), rules=_rules.scores, targets="labels")
def nll_loss(y_true, y_pred, weight=1.0, ignore_index=None):
    """−w[y] · y_pred[y] over the last axis: y_pred log-probabilities, y = y_true integer labels, w a number or
    one weight per class: torch.nn.functional.nll_loss per sample (reduction='none'). Labels equal to
    ignore_index give 0 and are masked out of reductions. torch's own mean divides by Σ w[y], a Loss object's
    by the batch size (the Keras convention). Labels outside [0, C) give NaN."""
    labels = sparse_labels("nll_loss", y_true, y_pred, len(y_pred.shape) - 1)
    loss = -class_weight("nll_loss", weight, labels, y_pred) * pick(labels, y_pred, -1)
    if ignore_index is None:
        return loss
    keep = labels != ignore_index
    return mask_values(ops.where(keep, loss, 0.0), keep)


def _binary_logit_terms(y_true, y_pred):
    """−(t·log σ(x) + (1 − t)·log σ(−x)) per entry, exact for any logit."""
    return -(y_true * ops.log_sigmoid(y_pred) + (1.0 - y_true) * ops.log_sigmoid(-y_pred))


@loss_function("multilabel_soft_margin_loss", class_name="MultilabelSoftMarginLoss", rules=_rules.binary_targets)
def multilabel_soft_margin_loss(y_true, y_pred):
    """mean₋₁(−(t·log σ(x) + (1 − t)·log σ(−x))), x = y_pred logits, t = y_true in [0, 1]:
    torch.nn.functional.multilabel_soft_margin_loss, binary cross-entropy from logits averaged over the labels."""
    return mean(_binary_logit_terms(y_true, y_pred), axis=-1)


@loss_function("sigmoid_focal_loss", class_name="SigmoidFocalLoss",
               params=(Param("alpha", None, "float", 0.0, 1.0, optional=True), GAMMA), rules=_rules.binary_targets)
def sigmoid_focal_loss(y_true, y_pred, alpha=None, gamma=2.0):
    """mean₋₁(α_t · (1 − p_t)^γ · bce), x = y_pred logits, t = y_true in [0, 1], bce the binary cross-entropy
    from logits, 1 − p_t = t·σ(−x) + (1 − t)·σ(x), α_t = α·t + (1 − α)(1 − t) (1 when α is None):
    optax.losses.sigmoid_focal_loss, averaged over the last axis."""
    one_minus_p_t = y_true * ops.sigmoid(-y_pred) + (1.0 - y_true) * ops.sigmoid(y_pred)
    loss = _power(one_minus_p_t, gamma) * _binary_logit_terms(y_true, y_pred)
    if alpha is not None:
        loss = (alpha * y_true + (1.0 - alpha) * (1.0 - y_true)) * loss
    return mean(loss, axis=-1)


@loss_function("poly_loss_cross_entropy", class_name="PolyLossCrossEntropy",
               params=(Param("epsilon", 2.0, "float", -1.0, draw_high=10.0),), rules=_rules.distributions)
def poly_loss_cross_entropy(y_true, y_pred, epsilon=2.0):
    """−Σ₋₁ t·log softmax(x) + ε·Σ₋₁ t·(1 − softmax(x)), x = y_pred logits, t = y_true distributions:
    optax.losses.poly_loss_cross_entropy (Poly-1, Leng et al. 2022); ε ≥ −1 keeps it ≥ 0."""
    log_p = ops.log_softmax(y_pred, axis=-1)
    return -ops.sum(y_true * log_p, axis=-1) + epsilon * ops.sum(y_true * (1.0 - ops.exp(log_p)), axis=-1)


@loss_function("safe_softmax_cross_entropy", class_name="SafeSoftmaxCrossEntropy", rules=_rules.distributions)
def safe_softmax_cross_entropy(y_true, y_pred):
    """−Σ₋₁ t·log softmax(x), a term 0 wherever t = 0 (0·log 0 = 0), x = y_pred logits, t = y_true
    distributions: optax.losses.safe_softmax_cross_entropy."""
    log_p = ops.log_softmax(y_pred, axis=-1)
    return -ops.sum(ops.where(y_true == 0, 0.0, y_true * log_p), axis=-1)


@loss_function("kl_divergence_with_log_targets", class_name="KLDivergenceWithLogTargets", params=(
    Param("from_logits", False, "bool", source="true: both inputs are logits, normalized by log_softmax first, "
          "as knowledge distillation computes KL(softmax(teacher) ‖ softmax(student)) (Hinton, Vinyals and Dean "
          "2015; torch's kl_div(log_softmax(s), softmax(t)))"),))
def kl_divergence_with_log_targets(y_true, y_pred, from_logits=False):
    """Σ₋₁ exp(t)·(t − x), t = y_true and x = y_pred log-probabilities: optax.losses.kl_divergence_with_log_targets.
    from_logits: t and x are log_softmax of the given logits."""
    if from_logits:
        y_true, y_pred = ops.log_softmax(y_true, axis=-1), ops.log_softmax(y_pred, axis=-1)
    return ops.sum(ops.exp(y_true) * (y_true - y_pred), axis=-1)


def _generalized_kl(y_true, y_pred):
    """Σ₋₁(t·(log t − x) + exp(x) − t), t·log t = 0 at t = 0."""
    positive = y_true > 0
    log_t = ops.log(ops.where(positive, y_true, 1.0))
    return ops.sum(ops.where(positive, y_true * (log_t - y_pred), 0.0) + ops.exp(y_pred) - y_true, axis=-1)


@loss_function("generalized_kl_divergence", class_name="GeneralizedKLDivergence", rules=_rules.distributions)
def generalized_kl_divergence(y_true, y_pred):
    """Σ₋₁(t·(log t − x) + exp(x) − t), x = y_pred log-predictions, t = y_true ≥ 0 (unnormalized allowed; 0·log 0
    = 0): optax.losses.generalized_kl_divergence, the Bregman divergence of x·log x − x."""
    return _generalized_kl(y_true, y_pred)


@loss_function("convex_kl_divergence", class_name="ConvexKLDivergence", rules=_rules.distributions)
def convex_kl_divergence(y_true, y_pred):
    """Σ₋₁(t·(log t − x) + exp(x) − t): optax.losses.convex_kl_divergence, the earlier name of
    generalized_kl_divergence (deprecated in optax; the same formula)."""
    return _generalized_kl(y_true, y_pred)


@loss_function("gaussian_nll_loss", class_name="GaussianNLLLoss",
               params=(Param("full", False, "bool"), Param("eps", 1e-6, "float", 0.0, 1e-2, low_open=True,
                                                           log_low=1e-15),
                       Param("floor", "clamp", "choice", choices=("clamp", "add"),
                             source="the variance floor: max(var, eps) in torch.nn.functional.gaussian_nll_loss; "
                                    "var + eps in many regression heads (e.g. Lakshminarayanan et al. 2017 codes)")),
               rules=_rules.variances, align=False)
def gaussian_nll_loss(y_true, y_pred, full=False, eps=1e-6, floor="clamp"):
    """mean₋₁(½(log v + (t − μ)² / v)) (+ ½ log 2π with full), μ = y_pred[..., 0], v = max(y_pred[..., 1], eps),
    t = y_true shaped like μ: torch.nn.functional.gaussian_nll_loss. As torch does, the clamp of the variance
    passes the gradient straight through (it is taken at the clamped value). floor="add": v = y_pred[..., 1] + eps."""
    stacked_last("gaussian_nll_loss", y_true, y_pred)
    mu, variance = y_pred[..., 0], y_pred[..., 1]
    if floor == "add":
        variance = variance + const(eps, variance)
    else:
        variance = variance + ops.stop_gradient(at_least(variance, eps) - variance)
    loss = 0.5 * (ops.log(variance) + ops.square(y_true - mu) / variance)
    if full:
        loss = loss + 0.5 * math.log(2.0 * math.pi)
    return mean(loss, axis=-1)


@loss_function("sparsemax_loss", class_name="SparsemaxLoss", rules=_rules.binary_labels)
def sparsemax_loss(y_true, y_pred):
    """mean₋₁(sparse_plus(z)), z = −x where y_true = 1 else x, x = y_pred logits; sparse_plus(z) = 0 for z ≤ −1,
    (z + 1)²/4 for |z| < 1, z for z ≥ 1: optax.losses.sparsemax_loss (binary; 0 once the sparse sigmoid of the
    logit equals the label)."""
    z = ops.where(y_true != 0, -y_pred, y_pred)
    plus = ops.where((z >= 1.0) | ops.isnan(z), z, ops.where(z > -1.0, 0.25 * ops.square(z + 1.0), 0.0))
    return mean(plus, axis=-1)


def sparsemax(scores):
    """The Euclidean projection of the scores onto the simplex along the last axis (Martins & Astudillo 2016):
    max(s − τ, 0), τ from the sorted scores."""
    descending = ops.flip(ops.sort(scores, axis=-1), axis=-1)
    ranks = ops.cast(ops.arange(1, scores.shape[-1] + 1), scores.dtype)
    cumulative = ops.cumsum(descending, axis=-1)
    support = ops.cast(1.0 + ranks * descending > cumulative, scores.dtype)
    size = ops.sum(support, axis=-1, keepdims=True)
    tau = (ops.sum(support * descending, axis=-1, keepdims=True) - 1.0) / size
    return ops.relu(scores - tau)


@loss_function("multiclass_sparsemax_loss", class_name="MulticlassSparsemaxLoss", rules=_rules.scores,
               targets="labels")
def multiclass_sparsemax_loss(y_true, y_pred):
    """max(0, ⟨p, s − s_y⟩ + ½(1 − ‖p‖²)), p = sparsemax(s), s = y_pred scores over the last axis, y = y_true integer
    labels: optax.losses.multiclass_sparsemax_loss, the Fenchel–Young loss of sparsemax (0 iff p is one-hot on
    y); its gradient is p − onehot(y). Labels outside [0, C) give NaN."""
    labels = sparse_labels("multiclass_sparsemax_loss", y_true, y_pred, len(y_pred.shape) - 1)
    if 0 in y_pred.shape:  # ops.sort of an empty batch: no samples, no values
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    p = sparsemax(y_pred)
    relative = y_pred - ops.expand_dims(pick(labels, y_pred, -1), -1)
    # ≥ 0 exactly: where p is one-hot on y the loss is 0, but a rounded support entry s_y − τ can exceed 1
    # (float32: −4.8e-7 at s = [−7.807, −9], y = 0); relu's gradient below 0 is 0, and p − onehot(y) ≈ 0 there
    return ops.relu(ops.sum(p * relative, axis=-1) + 0.5 * (1.0 - ops.sum(ops.square(p), axis=-1)))


@loss_function("ranking_softmax_loss", class_name="RankingSoftmaxLoss", rules=_rules.distributions)
def ranking_softmax_loss(y_true, y_pred):
    """−Σ₋₁ y·log softmax(s), s = y_pred the scores of a list, y = y_true relevance labels ≥ 0 (not normalized):
    optax.losses.ranking_softmax_loss per list (reduce_fn=None)."""
    return -ops.sum(y_true * ops.log_softmax(y_pred, axis=-1), axis=-1)
