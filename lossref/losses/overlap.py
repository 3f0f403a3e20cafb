"""Overlap (segmentation) losses, in keras.ops only. `axis=None` reduces every axis: one scalar per batch."""

from keras import ops

from lossref.constants import EPSILON
from lossref.losses import _rules
from lossref.losses._base import const, loss_function, normalize_axis, require_nonempty
from lossref.losses._params import AXES, Param
from lossref.losses.errors import LossInputError

SMOOTH = Param("smooth", 0.0, "float", 0.0, draw_high=2.0)  # Laplace smoothing; not a Keras parameter


def _axes(loss, axis, rank):
    """None (all axes), an int or a tuple of ints, validated; returned as a tuple or None."""
    if axis is None:
        return None
    axes = (axis,) if isinstance(axis, int) and not isinstance(axis, bool) else axis
    if not isinstance(axes, (tuple, list)) or not axes:
        raise LossInputError(loss, "axis", f"None, an int or a non-empty tuple of ints, got {axis!r}", TypeError)
    normalized = tuple(normalize_axis(loss, a, rank) for a in axes)
    if len(set(normalized)) != len(normalized):
        raise LossInputError(loss, "axis", f"distinct axes, got {axis!r}")
    return normalized


@loss_function("dice", class_name="Dice", params=(AXES, SMOOTH), rules=_rules.probabilities)
def dice(y_true, y_pred, axis=None, smooth=0.0):
    """1 − (2·Σ(t·p) + s) / (Σt + Σp + s) over `axis` (None: all axes), s the Laplace smoothing (`smooth`: 1 in
    the common `1 − (2I + 1)/(Σt + Σp + 1)`); s = 0 is Keras's 1 − 2·Σ(t·p) / (Σt + Σp + ε). Two empty masks
    give 1 (s = 0) or 0 (s > 0); the denominator's smoothing is never below ε."""
    axes = _axes("dice", axis, len(y_pred.shape))
    require_nonempty("dice", y_pred, axes)
    intersection = ops.sum(y_true * y_pred, axis=axes)
    total = ops.sum(y_true, axis=axes) + ops.sum(y_pred, axis=axes)
    return 1.0 - (2.0 * intersection + smooth) / (total + const(max(smooth, EPSILON), total))


@loss_function("tversky", class_name="Tversky",
               params=(Param("alpha", 0.5, "float", 0.0, draw_high=2.0),
                       Param("beta", 0.5, "float", 0.0, draw_high=2.0), AXES, SMOOTH),
               rules=_rules.probabilities)
def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None, smooth=0.0):
    """1 − (TP + s) / (TP + α·FP + β·FN + s), TP = Σ t·p, FP = Σ (1 − t)·p, FN = Σ t·(1 − p), over `axis`;
    s the Laplace smoothing (`smooth`); s = 0 is Keras's form, with ε in place of s (below ε) in the denominator.

    α weighs false positives and β false negatives, as documented (Salehi et al. 2017); α = β = ½ is Dice.
    """
    axes = _axes("tversky", axis, len(y_pred.shape))
    require_nonempty("tversky", y_pred, axes)
    true_pos = ops.sum(y_true * y_pred, axis=axes)
    false_pos = ops.sum((1.0 - y_true) * y_pred, axis=axes)
    false_neg = ops.sum(y_true * (1.0 - y_pred), axis=axes)
    denominator = true_pos + alpha * false_pos + beta * false_neg + const(max(smooth, EPSILON), true_pos)
    return 1.0 - (true_pos + smooth) / denominator
