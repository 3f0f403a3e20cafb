"""SmoothL1Loss of KerasCV (Keras 3 version), re-expressed with keras.ops.

Source: github.com/keras-team/keras-cv, keras_cv/src/losses/smooth_l1.py (class SmoothL1Loss),
        commit 94b0a551d03ee9de3d81663e2c1a680cb113f7f1
        (https://github.com/keras-team/keras-cv/blob/94b0a551d03ee9de3d81663e2c1a680cb113f7f1/keras_cv/src/losses/smooth_l1.py)
Claims to implement: "the SmoothL1 function, where values less than `l1_cutoff` contribute to the overall loss
        based on their squared difference, and values greater than l1_cutoff contribute based on their raw
        difference" — Smooth L1 of Fast R-CNN (Girshick, ICCV 2015, eq. 3: 0.5x² if |x| < 1, |x| - 0.5 otherwise),
        i.e. torch.nn.functional.smooth_l1_loss with beta = 1.
Exported attributes: `smooth_l1` (l1_cutoff=1.0, the default) and `smooth_l1_cutoff_half` (l1_cutoff=0.5)

Kept: the branch test uses l1_cutoff, but the branch *values* are the β = 1 ones (0.5·e² and |e| - 0.5) for
        any l1_cutoff: for l1_cutoff ≠ 1 the function is neither smooth L1 with β = l1_cutoff (½e²/β,
        |e| - ½β) nor continuous (at |e| = c it jumps from ½c² to c - ½); mean over the last axis.
Adapted: nothing (the class's `call` is a Keras (y_true, y_pred) function already).
"""

import functools

from keras import ops


def smooth_l1(y_true, y_pred, l1_cutoff=1.0):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    difference = y_true - y_pred
    absolute_difference = ops.abs(difference)
    squared_difference = difference**2
    loss = ops.where(absolute_difference < l1_cutoff, 0.5 * squared_difference, absolute_difference - 0.5)
    return ops.mean(loss, axis=-1)


smooth_l1_cutoff_half = functools.partial(smooth_l1, l1_cutoff=0.5)
