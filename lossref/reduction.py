"""A NumPy model of how Keras 3.15.1's `Loss.__call__` turns per-sample values into the loss
(keras/src/losses/loss.py, read and each rule verified against 3.15.1).

    mask  = input mask of y_pred & output mask of call()          (either alone, or None)
    m̃     = mask · N(mask)/Σmask  for "mean"/"sum_over_batch_size"  (0 where Σmask = 0), else mask as 0/1
    w     = sample_weight · m̃  (rank-aligned), or m̃, or sample_weight
    u     = values · w  (rank-aligned, then broadcast)
    none/None, or u of shape () or (0,): u unreduced
    sum: Σu;  sum_over_batch_size/mean: Σu / N(u);  mean_with_sample_weight: Σu / Σw  (Σw over w's own shape)
    every division is divide_no_nan: x/0 = 0
"""

import numpy as np

from lossref.losses._shapes import squeeze_or_expand

REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None)


def divide_no_nan(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))


def reduce(values, sample_weight=None, mask=None, reduction="sum_over_batch_size"):
    """The loss Keras returns for per-sample `values` (float64 NumPy in, float64 NumPy out)."""
    values = np.asarray(values, dtype=np.float64)
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if mask is not None:
        mask = np.asarray(mask, dtype=np.float64)
        if reduction in ("mean", "sum_over_batch_size"):
            mask = mask * divide_no_nan(np.float64(mask.size), np.sum(mask))
        if weights is not None:
            mask, weights = squeeze_or_expand(mask, weights)
            weights = weights * mask
        else:
            weights = mask
    if weights is not None:
        values, weights = squeeze_or_expand(values, weights)
        values = values * weights
    if reduction in (None, "none") or values.shape in ((), (0,)):
        return values
    total = np.sum(values)
    if reduction == "sum":
        return total
    if reduction in ("sum_over_batch_size", "mean"):
        return divide_no_nan(total, np.float64(values.size))
    if reduction == "mean_with_sample_weight":
        return divide_no_nan(total, np.sum(weights) if weights is not None else np.float64(values.size))
    raise ValueError(f"unknown reduction {reduction!r}")
