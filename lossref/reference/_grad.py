"""Shared pieces of the analytic gradients. Each `*_grad(t, p, w, **params)` returns ∂/∂p of Σ w · loss(t, p),
w shaped like the loss output (the cotangent). At a kink it returns one element of the subdifferential;
the gradient properties never compare there (see lossref/gradients.py)."""

import numpy as np


def spread(w, per_element, axis=-1, mean=True):
    """w broadcast back over the reduced `axis` (an int, a tuple, or None for all), times ∂loss/∂p per element,
    divided by the count when the reduction is a mean."""
    axes = tuple(range(per_element.ndim)) if axis is None else (axis,) if isinstance(axis, int) else tuple(axis)
    axes = tuple(a % per_element.ndim for a in axes)
    count = np.prod([per_element.shape[a] for a in axes]) if mean else 1
    return np.expand_dims(np.asarray(w, dtype=np.float64), axes) * per_element / count


def step(x):
    """Heaviside with H(0) = 0: the derivative of relu / max(·, 0) away from 0."""
    return (x > 0).astype(np.float64)


def inside(x, low, high):
    """1 strictly inside (low, high): the derivative of clip(x, low, high) away from its edges."""
    return ((x > low) & (x < high)).astype(np.float64)
