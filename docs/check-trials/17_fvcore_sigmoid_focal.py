"""sigmoid_focal_loss of facebookresearch/fvcore (the one detectron2 and torchvision copy), re-expressed with
keras.ops.

Source: github.com/facebookresearch/fvcore, fvcore/nn/focal_loss.py, function `sigmoid_focal_loss`
        (alpha=-1 = no weighting, gamma=2, reduction="none"), commit 3378afe0d71dc2aa95e358bc78dc9b67cb48825a
        (https://github.com/facebookresearch/fvcore/blob/3378afe0d71dc2aa95e358bc78dc9b67cb48825a/fvcore/nn/focal_loss.py)
Claims to implement: "Loss used in RetinaNet for dense detection: https://arxiv.org/abs/1708.02002" (Lin et al.,
        Focal Loss, ICCV 2017): α_t·(1 - p_t)^γ·CE(p_t), α on the positive class (α_t = α·t + (1 - α)(1 - t)).
Exported attribute: `sigmoid_focal_loss`

Kept: inputs and targets cast to float32 (`.float()`); p = sigmoid(x); CE from logits as torch computes it
        ((1 - t)·x - log_sigmoid(x); torch releases differ between this and the
        equivalent max-shifted form (1 - t)·x + m + log(e^{-m} + e^{-x-m}), m = max(-x, 0));
        p_t = p·t + (1 - p)(1 - t); CE·(1 - p_t)^γ; α_t applied only when α ≥ 0.
Adapted (calling convention only): reduction "none" is elementwise; lossref's sigmoid_focal_loss is the mean
        over the last axis, so the elementwise values are averaged over the last axis; lossref's "no α" is
        alpha=None, mapped to fvcore's -1.
"""

from keras import ops


def _bce_with_logits(x, t):
    return (1 - t) * x - ops.log_sigmoid(x)


def sigmoid_focal_loss(y_true, y_pred, alpha=-1, gamma=2):
    if alpha is None:
        alpha = -1
    inputs = ops.cast(y_pred, "float32")
    targets = ops.cast(y_true, "float32")
    p = ops.sigmoid(inputs)
    ce_loss = _bce_with_logits(inputs, targets)
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ops.power(1 - p_t, gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    return ops.mean(loss, axis=-1)
