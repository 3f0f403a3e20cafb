"""binary_focal_loss_with_logits of kornia as of September 2021, re-expressed with keras.ops.

Source: github.com/kornia/kornia, kornia/losses/focal.py, function `binary_focal_loss_with_logits`
        (alpha=0.25, gamma=2.0, reduction='none', eps=1e-8), commit 385b2a1b7f6d295895a7ae4c12f2d3d1b6b75f9d
        ("Fix binary focal loss (#1313)", 2021-09-23; replaced by a logsigmoid form in b8f341163, 2021-10-10,
        "Improve focal loss for numerical stability (#1362)")
        (https://github.com/kornia/kornia/blob/385b2a1b7f6d295895a7ae4c12f2d3d1b6b75f9d/kornia/losses/focal.py)
Claims to implement: FL(p_t) = -α_t (1 - p_t)^γ log(p_t) (Lin et al., ICCV 2017), α on the positives.
        Its own docstring example (logits 6.325, 5.26, 87.49 with labels 1, 1, 0, mean) prints 4.6052; the
        true focal loss there is 21.87 (the value the later, fixed docstring prints): log(1 - σ(87.49) + 1e-8)
        = log(1e-8) caps the third term at 0.75·18.42.
Exported attribute: `binary_focal_loss_with_logits`

Kept: probs = sigmoid(x); -α·(1 - p + eps)^γ·t·log(p + eps) - (1 - α)·(p + eps)^γ·(1 - t)·log(1 - p + eps),
        eps = 1e-8 *inside* the logs and the powers.
Adapted (calling convention only): reduction 'none' is elementwise; lossref's sigmoid_focal_loss averages over
        the last axis, so this does; the B×C×* shape check is dropped.
"""

from keras import ops


def binary_focal_loss_with_logits(y_true, y_pred, alpha=0.25, gamma=2.0, eps=1e-8):
    y_pred = ops.convert_to_tensor(y_pred)
    target = ops.cast(y_true, y_pred.dtype)
    probs = ops.sigmoid(y_pred)
    loss_tmp = -alpha * ops.power(1.0 - probs + eps, gamma) * target * ops.log(probs + eps) - (
        1 - alpha
    ) * ops.power(probs + eps, gamma) * (1.0 - target) * ops.log(1.0 - probs + eps)
    return ops.mean(loss_tmp, axis=-1)
