"""Integer class labels against a class axis of y_pred: their shape, and the entry each one picks; inputs stacked
on a last axis of y_pred."""

from keras import ops

from lossref.losses._base import const
from lossref.losses.errors import LossInputError


def sparse_labels(loss, y_true, y_pred, axis):
    """Labels shaped like y_pred without its class axis; a trailing or class-axis 1 is squeezed."""
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = ops.squeeze(y_true, axis)
    expected = tuple(d for i, d in enumerate(y_pred.shape) if i != axis)
    if tuple(y_true.shape) != expected:
        raise LossInputError(loss, "y_true", f"integer labels of shape {expected} (y_pred without its class "
                             f"axis), got {tuple(y_true.shape)}")
    return y_true


def pick(y_true, values, axis):
    """values[label] along axis (a log-probability, a score); labels outside [0, C) give NaN (compiled code cannot
    raise)."""
    in_range = (y_true >= 0) & (y_true < values.shape[axis])
    picked = ops.sum(one_hot(y_true, values, axis) * values, axis=axis)
    return ops.where(in_range, picked, float("nan"))


def one_hot(y_true, like, axis=-1):
    """The one-hot rows of the labels, in like's dtype. A label outside [0, C) (torch's one_hot raises on one)
    gives class 0's row: the loss is NaN there anyway, by `pick`, or masked where it is an ignored label."""
    num_classes = like.shape[axis]
    in_range = (y_true >= 0) & (y_true < num_classes)
    return ops.one_hot(ops.where(in_range, y_true, 0), num_classes, axis=axis, dtype=like.dtype)


def class_weight(loss, weight, labels, like):
    """w[label] per sample for a list of per-class weights (one per class along the last axis); a number as is."""
    if not isinstance(weight, (list, tuple)):
        return weight
    if len(weight) != like.shape[-1]:
        raise LossInputError(loss, "weight", f"one weight per class: {like.shape[-1]}, got {len(weight)}")
    return ops.sum(one_hot(labels, like) * const(weight, like), axis=-1)


def stacked_last(loss, y_true, y_pred, count=2):
    """y_pred (..., count): inputs stacked on a last axis, y_true shaped like y_pred without it."""
    if len(y_pred.shape) < 2 or y_pred.shape[-1] != count:
        raise LossInputError(loss, "y_pred", f"shape (..., {count}), the inputs stacked last; got "
                             f"{tuple(y_pred.shape)}")
    if tuple(y_true.shape) != tuple(y_pred.shape[:-1]):
        raise LossInputError(loss, "y_true", f"the shape of y_pred without its last axis, {tuple(y_pred.shape[:-1])}; "
                             f"got {tuple(y_true.shape)}")
