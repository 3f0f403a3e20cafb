"""SoftTargetCrossEntropy of timm (huggingface/pytorch-image-models), re-expressed with keras.ops.

Source: github.com/huggingface/pytorch-image-models, timm/loss/cross_entropy.py, class SoftTargetCrossEntropy,
        commit aa4b5850c1543fa488abf260f18390eda46cf85d
        (https://github.com/huggingface/pytorch-image-models/blob/aa4b5850c1543fa488abf260f18390eda46cf85d/timm/loss/cross_entropy.py)
Claims to implement: cross-entropy against soft (mixup / cutmix / label-smoothed) targets,
        -Σ_c t_c · log softmax(x)_c — the same as optax.losses.softmax_cross_entropy /
        safe_softmax_cross_entropy and Keras's categorical_crossentropy(from_logits=True).
Exported attribute: `soft_target_cross_entropy`

Kept: torch.sum(-target * F.log_softmax(x, dim=-1), dim=-1).
Adapted (calling convention only): `loss.mean()` over the batch (torch reduction) is left to Keras.
"""

from keras import ops


def soft_target_cross_entropy(y_true, y_pred):
    x = ops.convert_to_tensor(y_pred)
    target = ops.cast(y_true, x.dtype)
    return ops.sum(-target * ops.log_softmax(x, axis=-1), axis=-1)
