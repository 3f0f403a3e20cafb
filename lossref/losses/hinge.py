"""Margin (hinge) losses, in keras.ops only."""

from keras import ops

from lossref.losses import _rules
from lossref.losses._base import const, loss_function, mean
from lossref.losses._labels import class_weight, one_hot, pick, sparse_labels
from lossref.losses._params import Param
from lossref.losses.errors import LossInputError


def _signed_labels(y_true):
    """{0, 1} labels become {−1, 1}; {−1, 1} stay. Element-wise, so each sample depends on its own labels
    only (Keras decides globally, from whether the whole tensor is in {0, 1}; same result on documented input)."""
    return ops.where(y_true == 0, -1.0, y_true)


@loss_function("hinge", class_name="Hinge")
def hinge(y_true, y_pred):
    """mean₋₁(max(1 − y_true · y_pred, 0)), y_true in {−1, 1} (or {0, 1}, converted)."""
    return mean(ops.relu(1.0 - _signed_labels(y_true) * y_pred), axis=-1)


@loss_function("squared_hinge", class_name="SquaredHinge")
def squared_hinge(y_true, y_pred):
    """mean₋₁(max(1 − y_true · y_pred, 0)²), y_true in {−1, 1} (or {0, 1}, converted)."""
    return mean(ops.square(ops.relu(1.0 - _signed_labels(y_true) * y_pred)), axis=-1)


@loss_function("categorical_hinge", class_name="CategoricalHinge", rules=_rules.one_hot)
def categorical_hinge(y_true, y_pred):
    """max(neg − pos + 1, 0), pos = Σ₋₁(y_true · y_pred), neg = max₋₁((1 − y_true) · y_pred); one-hot y_true."""
    if 0 in y_pred.shape:  # a max over an empty axis raises on torch: no samples, no values
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    positive = ops.sum(y_true * y_pred, axis=-1)
    negative = ops.amax((1.0 - y_true) * y_pred, axis=-1)
    return ops.relu(negative - positive + 1.0)


@loss_function("soft_margin_loss", class_name="SoftMarginLoss")
def soft_margin_loss(y_true, y_pred):
    """mean₋₁(log(1 + exp(−y_true · y_pred))), y_true in {−1, 1} (or {0, 1}, converted):
    torch.nn.functional.soft_margin_loss, the logistic loss of a signed label; softplus never overflows."""
    return mean(ops.softplus(-_signed_labels(y_true) * y_pred), axis=-1)


@loss_function("perceptron_loss", class_name="PerceptronLoss")
def perceptron_loss(y_true, y_pred):
    """mean₋₁(max(−y_true · y_pred, 0)), y_true in {−1, 1} (or {0, 1}, converted): optax.losses.perceptron_loss.
    0 for every prediction of the right sign, and for y_pred = 0."""
    return mean(ops.relu(-_signed_labels(y_true) * y_pred), axis=-1)


@loss_function("hinge_embedding_loss", class_name="HingeEmbeddingLoss",
               params=(Param("margin", 1.0, "float", 0.0, draw_high=10.0),))
def hinge_embedding_loss(y_true, y_pred, margin=1.0):
    """mean₋₁(y_pred if y_true = 1 else max(margin − y_pred, 0)), y_true in {−1, 1} (or {0, 1}, converted):
    torch.nn.functional.hinge_embedding_loss; y_pred is a distance, small for similar pairs (1), at least the
    margin for dissimilar ones (−1)."""
    similar = _signed_labels(y_true) > 0
    return mean(ops.where(similar, y_pred, ops.relu(const(margin, y_pred) - y_pred)), axis=-1)


def _scores_and_labels(loss, y_true, y_pred):
    if 0 in y_pred.shape:  # a max over an empty axis raises on torch: no samples, no values
        return None, None
    return y_pred, sparse_labels(loss, y_true, y_pred, len(y_pred.shape) - 1)


@loss_function("multiclass_hinge_loss", class_name="MulticlassHingeLoss", rules=_rules.scores, targets="labels")
def multiclass_hinge_loss(y_true, y_pred):
    """max_j(s_j + 1 − [j = y]) − s_y, s = y_pred scores over the last axis, y = y_true integer labels:
    optax.losses.multiclass_hinge_loss (Crammer–Singer). The label's own entry is s_y exactly, so the value is
    never below 0 (optax's (s_y + 1) − 1 rounds). Labels outside [0, C) give NaN."""
    scores, labels = _scores_and_labels("multiclass_hinge_loss", y_true, y_pred)
    if scores is None:
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    others = ops.where(one_hot(labels, scores) > 0, scores, scores + 1.0)  # s_y itself, not (s_y + 1) − 1
    return ops.amax(others, axis=-1) - pick(labels, scores, -1)


@loss_function("multiclass_perceptron_loss", class_name="MulticlassPerceptronLoss", rules=_rules.scores,
               targets="labels")
def multiclass_perceptron_loss(y_true, y_pred):
    """max_j s_j − s_y, s = y_pred scores over the last axis, y = y_true integer labels:
    optax.losses.multiclass_perceptron_loss. Labels outside [0, C) give NaN."""
    scores, labels = _scores_and_labels("multiclass_perceptron_loss", y_true, y_pred)
    if scores is None:
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    return ops.amax(scores, axis=-1) - pick(labels, scores, -1)


@loss_function("multi_margin_loss", class_name="MultiMarginLoss",
               params=(Param("p", 1, "choice", choices=(1, 2)), Param("margin", 1.0, "float", 0.0, draw_high=10.0),
                       Param("weight", 1.0, "class_weights", 0.0, draw_high=5.0)),
               rules=_rules.scores, targets="labels")
def multi_margin_loss(y_true, y_pred, p=1, margin=1.0, weight=1.0):
    """w[y] · Σ_{j ≠ y} max(margin − s_y + s_j, 0)^p / C, s = y_pred scores over the last axis (C classes), y =
    y_true integer labels, p ∈ {1, 2}, w a number or one weight per class: torch.nn.functional.multi_margin_loss
    (its documentation puts w[y] inside the max, so that p = 2 would square it; the code multiplies once, and so
    does lossref). Labels outside [0, C) give NaN."""
    scores, labels = _scores_and_labels("multi_margin_loss", y_true, y_pred)
    if scores is None:
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    rows = one_hot(labels, scores)
    hinge = ops.relu(const(margin, scores) - ops.expand_dims(pick(labels, scores, -1), -1) + scores) * (1.0 - rows)
    terms = hinge if p == 1 else ops.square(hinge)
    return class_weight("multi_margin_loss", weight, labels, scores) * mean(terms, axis=-1)



@loss_function("multilabel_margin_loss", class_name="MultilabelMarginLoss", rules=_rules.label_lists,
               targets="labels", align=False)
def multilabel_margin_loss(y_true, y_pred):
    """Σ_{j ∈ T} Σ_{i ∉ T} max(1 − (x_j − x_i), 0) / C over the last axis, x = y_pred scores (…, C), T the
    target classes: the entries of y_true (…, C) before its first −1 (distinct class indices):
    torch.nn.functional.multilabel_margin_loss."""
    if tuple(y_true.shape) != tuple(y_pred.shape):
        raise LossInputError("multilabel_margin_loss", "y_true", f"class indices shaped like y_pred "
                             f"{tuple(y_pred.shape)}, padded with −1; got {tuple(y_true.shape)}")
    listed = ops.cumprod(ops.cast(y_true >= 0, "int32"), axis=-1) > 0  # before the first −1
    rows = one_hot(y_true, y_pred) * ops.expand_dims(ops.cast(listed, y_pred.dtype), -1)  # (…, position, class)
    target = ops.sum(rows, axis=-2) > 0
    hinge = ops.relu(1.0 - ops.expand_dims(y_pred, -1) + ops.expand_dims(y_pred, -2))  # [..., j, i]
    pairs = ops.expand_dims(target, -1) & ops.expand_dims(~target, -2)
    return mean(ops.sum(ops.where(pairs, hinge, 0.0), axis=-1), axis=-1)
