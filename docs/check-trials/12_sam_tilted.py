"""keras_tilted_loss of RoyalHaskoningDHV/sam, re-expressed with keras.ops.

Source: github.com/RoyalHaskoningDHV/sam, sam/metrics/keras_metrics.py, function `keras_tilted_loss`,
        commit 096d8740c741e2d5015617ef969bb735b02484e0
        (https://github.com/RoyalHaskoningDHV/sam/blob/096d8740c741e2d5015617ef969bb735b02484e0/sam/metrics/keras_metrics.py)
Claims to implement (its docstring): tilted / quantile loss, "(1-q) * |e| if e < 0, and q * |e| if e > 0",
        e = y_true - y_pred (Koenker & Bassett 1978), "the same as the mean absolute error if q=0.5" — the code
        gives *half* the MAE at q = 0.5 (0.5·|e|); the docstring's remark is off by 2, the code is the standard
        pinball loss (the same as tfa.losses.pinball_loss).
Exported attribute: `keras_tilted_loss`

Kept: e = y_true - y_pred; mean(max(q·e, (q - 1)·e), axis=-1); the quantile keyword is `quantile`, default 0.5.
Adapted: nothing.
"""

from keras import ops


def keras_tilted_loss(y_true, y_pred, quantile=0.5):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    e = y_true - y_pred
    return ops.mean(ops.maximum(quantile * e, (quantile - 1) * e), axis=-1)
