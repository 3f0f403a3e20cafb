"""Margin (hinge) losses, in keras.ops only."""

from keras import ops

from lossref.losses import _rules
from lossref.losses._base import loss_function, mean


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
    if 0 in y_pred.shape:  # ops.max of an empty axis raises on torch: no samples, no values
        return ops.zeros(y_pred.shape[:-1], dtype=y_pred.dtype)
    positive = ops.sum(y_true * y_pred, axis=-1)
    negative = ops.max((1.0 - y_true) * y_pred, axis=-1)
    return ops.relu(negative - positive + 1.0)
