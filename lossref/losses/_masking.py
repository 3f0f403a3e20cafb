"""Attaching a Keras mask to per-sample loss values, so `Loss.__call__` averages over unmasked entries only.

Keras 3.15.1 has no public API for this; its own SparseCategoricalCrossentropy(ignore_class=…) and Circle
use the internal `set_keras_mask`. This module and lossref/losses/validation.py (Keras's symbolic scope) are the only
places lossref touches `keras.src`. Also: a logsumexp over the masked entries of each row.
"""

from keras import ops
from keras.src.backend.common.masking import set_keras_mask


def mask_values(values, keep):
    """Return `values` carrying the boolean mask `keep` (same shape)."""
    set_keras_mask(values, keep)
    return values


_NO_ENTRY = -1e30  # below any logit the losses form, yet finite: exp() of it is 0, never NaN


def logsumexp_where(mask, values):
    """logsumexp over axis 1 of `values` where `mask`, and whether the row has an entry; −inf for a row with no
    entry, with finite gradients."""
    any_entry = ops.any(mask, axis=1)
    shifted = ops.where(mask, values, _NO_ENTRY)
    return ops.where(any_entry, ops.logsumexp(shifted, axis=1), float("-inf")), any_entry
