"""Attaching a Keras mask to per-sample loss values, so `Loss.__call__` averages over unmasked entries only.

Keras 3.15.1 has no public API for this; its own SparseCategoricalCrossentropy(ignore_class=…) and Circle
use the internal `set_keras_mask`. This module and lossref/losses/validation.py (Keras's symbolic scope) are the only
places lossref touches `keras.src`.
"""

from keras.src.backend.common.masking import set_keras_mask


def mask_values(values, keep):
    """Return `values` carrying the boolean mask `keep` (same shape)."""
    set_keras_mask(values, keep)
    return values
