"""Overlap (segmentation) losses, in keras.ops only. `axis=None` reduces every axis: one scalar per batch."""

from keras import ops

from lossref.constants import EPSILON
from lossref.losses import _rules
from lossref.losses._base import (
    const,
    loss_function,
    maximum,
    mean,
    minimum,
    normalize_axis,
    require_nonempty,
    require_rank,
)
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


def _divide_no_nan(numerator, denominator):
    """numerator / denominator, 0 where the denominator is 0 (TensorFlow's divide_no_nan), with finite gradients."""
    nonzero = denominator != 0
    return ops.where(nonzero, numerator / ops.where(nonzero, denominator, 1.0), 0.0)


def _box_area(y_min, x_min, y_max, x_max):
    return ops.relu(y_max - y_min) * ops.relu(x_max - x_min)


@loss_function("giou_loss", class_name="GIoULoss", params=(Param("mode", "giou", "choice", choices=("giou", "iou")),),
               align=False)
def giou_loss(y_true, y_pred, mode="giou"):
    """1 − GIoU(t, p) over boxes [y_min, x_min, y_max, x_max] on the last axis: GIoU = IoU − (C − U) / C with U
    the union and C the enclosing box's area (Rezatofighi et al. 2019); mode "iou": 1 − IoU. A ratio over an
    area of 0 is 0 (divide_no_nan). TensorFlow Addons' giou_loss; one value per box."""
    if y_pred.shape[-1] != 4:
        raise LossInputError("giou_loss", "y_pred", f"boxes (..., 4), got {tuple(y_pred.shape)}")
    if tuple(y_true.shape) != tuple(y_pred.shape):
        raise LossInputError("giou_loss", "y_true", f"boxes shaped like y_pred {tuple(y_pred.shape)}, got "
                             f"{tuple(y_true.shape)}")
    t = [y_true[..., i] for i in range(4)]
    p = [y_pred[..., i] for i in range(4)]
    inner = [maximum(t[0], p[0]), maximum(t[1], p[1]), minimum(t[2], p[2]), minimum(t[3], p[3])]
    intersection = _box_area(*inner)
    union = _box_area(*t) + _box_area(*p) - intersection
    iou = _divide_no_nan(intersection, union)
    if mode == "iou":
        return 1.0 - iou
    outer = [minimum(t[0], p[0]), minimum(t[1], p[1]), maximum(t[2], p[2]), maximum(t[3], p[3])]
    enclosing = _box_area(*outer)
    return 1.0 - iou + _divide_no_nan(enclosing - union, enclosing)


@loss_function("multiclass_generalized_dice_loss", class_name="MulticlassGeneralizedDiceLoss",
               rules=_rules.distributions)
def multiclass_generalized_dice_loss(y_true, y_pred):
    """mean over samples and classes of w_c·(1 − (I + 1) / (½P + ½T + 1)), per sample and class c: I = Σ p·t,
    P = Σ p, T = Σ t over the axes between the batch and the classes (none for (B, C)), p = softmax(y_pred)
    over the classes (sigmoid for one class); w_c = C·v_c / Σv, v_c = 1 / (F_c² + 1e-7), F_c the batch's total of
    class c in y_true: optax.losses.multiclass_generalized_dice_loss at its defaults (Sudre et al. 2017).
    One scalar for the batch."""
    require_nonempty("multiclass_generalized_dice_loss", y_pred)
    p = ops.sigmoid(y_pred) if y_pred.shape[-1] == 1 else ops.softmax(y_pred, axis=-1)
    spatial = tuple(range(1, len(y_pred.shape) - 1))
    intersection = ops.sum(p * y_true, axis=spatial) if spatial else p * y_true
    predicted = ops.sum(p, axis=spatial) if spatial else p
    target = ops.sum(y_true, axis=spatial) if spatial else y_true
    dice = 1.0 - (intersection + 1.0) / (0.5 * predicted + 0.5 * target + 1.0)
    batch_axes = tuple(range(len(y_true.shape) - 1))
    frequency = ops.sum(y_true, axis=batch_axes) if batch_axes else y_true
    inverse = 1.0 / (ops.square(frequency) + const(1e-7, frequency))
    weights = inverse / ops.sum(inverse) * y_pred.shape[-1]
    return mean(dice * weights, axis=None)


@loss_function("weighted_kappa_loss", class_name="WeightedKappaLoss",
               params=(Param("num_classes", None, "class_id"),
                       Param("weightage", "quadratic", "choice", choices=("quadratic", "linear")),
                       Param("epsilon", 1e-6, "float", 0.0, 1e-2, low_open=True, log_low=1e-15)),
               rules=_rules.categorical)
def weighted_kappa_loss(y_true, y_pred, num_classes=None, weightage="quadratic", epsilon=1e-6):
    """log(Σ_{b,c} W[y_b, c]·p_bc / (Σ_{a,c} n_a·W[a, c]·P_c / B) + ε), y_b the class of one-hot y_true row b,
    n its class counts, P_c = Σ_b p_bc the predicted totals, W[a, c] = (a − c)² (quadratic) or |a − c| (linear);
    a ratio over 0 is 0: TensorFlow Addons' WeightedKappaLoss (de la Torre et al. 2018), log(1 − κ + ε). One
    scalar for the batch; num_classes, when given, must match y_pred's (B, C)."""
    require_rank("weighted_kappa_loss", "y_pred", y_pred, (2,))
    require_nonempty("weighted_kappa_loss", y_pred)
    classes = y_pred.shape[-1]
    if num_classes is not None and num_classes != classes:
        raise LossInputError("weighted_kappa_loss", "num_classes", f"{classes}, the classes of y_pred, got "
                             f"{num_classes}")
    grades = ops.cast(ops.arange(classes), y_pred.dtype)
    gap = ops.expand_dims(grades, 1) - ops.expand_dims(grades, 0)
    weights = ops.square(gap) if weightage == "quadratic" else ops.abs(gap)  # W[a, c]
    numerator = ops.sum(ops.einsum("ba,ac->bc", y_true, weights) * y_pred)
    expected = ops.einsum("a,ac,c->", ops.sum(y_true, axis=0), weights, ops.sum(y_pred, axis=0))
    ratio = _divide_no_nan(numerator, expected / ops.cast(ops.shape(y_pred)[0], expected.dtype))
    return ops.log(ratio + const(epsilon, ratio))
