"""FocalLoss of KerasCV (Keras 3 version), re-expressed with keras.ops.

Source: github.com/keras-team/keras-cv, keras_cv/src/losses/focal.py, class FocalLoss
        (alpha=0.25, gamma=2, from_logits=False, label_smoothing=0), commit 94b0a551d03ee9de3d81663e2c1a680cb113f7f1
        (https://github.com/keras-team/keras-cv/blob/94b0a551d03ee9de3d81663e2c1a680cb113f7f1/keras_cv/src/losses/focal.py)
Claims to implement: "Focal Loss paper" (Lin et al., ICCV 2017); "Positive classes and negative classes have
        alpha and (1 - alpha) as their weighting factors respectively"; label smoothing squeezes towards 0.5.
        Keras's own binary_focal_crossentropy(apply_class_balancing=True) is the same per-element quantity
        averaged over the last axis.
Exported attribute: `focal_loss`

Kept: label smoothing t·(1 - ls) + 0.5·ls; sigmoid when from_logits (then ops.binary_crossentropy on the
        probabilities, with Keras's 1e-7 clip); α where y_true == 1.0 *exactly* and 1 - α elsewhere (so soft
        targets, and every target once label_smoothing > 0, get 1 - α); pt = t·p + (1 - t)(1 - p);
        α·(1 - pt)^γ·bce; the *sum* over the last axis (Keras's built-in takes the mean).
Adapted: nothing (the class's `call` is a Keras (y_true, y_pred) function; its constructor arguments are
        keyword arguments here, with the same names and defaults).
"""

from keras import ops


def focal_loss(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0):
    alpha, gamma = float(alpha), float(gamma)
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    cross_entropy = ops.binary_crossentropy(y_true, y_pred)
    alpha_t = ops.where(ops.equal(y_true, 1.0), alpha, (1.0 - alpha))
    pt = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
    loss = alpha_t * ops.cast(ops.power(1.0 - pt, gamma), alpha_t.dtype) * ops.cast(cross_entropy, alpha_t.dtype)
    return ops.sum(loss, axis=-1)
